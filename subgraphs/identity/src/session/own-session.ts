import { actsThroughApiKey, DomainError, requireViewer, type BaseContext, type Viewer } from "@pawgraph/subgraph-kit";

/** Privacy requests are the person's own: never made with a third-party developer's API key. */
export function ownSession(ctx: BaseContext, what: string): Viewer {
  const viewer = requireViewer(ctx.viewer);
  if (actsThroughApiKey(viewer))
    throw new DomainError("FORBIDDEN", `API keys cannot ${what}: sign in to the account instead`);
  return viewer;
}
