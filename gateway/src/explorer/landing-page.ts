import type { ApolloServerPlugin, BaseContext, LandingPage } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { GRAPHIQL_PATH } from "./graphiql.routes";

// Apollo's page shows this when Sandbox's script cannot load from its CDN (the embedded Sandbox
// covers it otherwise): the place where someone offline looks.
const OFFLINE_MESSAGE = "it appears that you might be offline.</p>";
const OFFLINE_LINK = `<p>Without internet, explore the schema with GraphiQL, served by this gateway: <a href="${GRAPHIQL_PATH}">${GRAPHIQL_PATH}</a>.</p>`;

/** Apollo's page with the GraphiQL link in its offline message (at the end of the body if Apollo reworded it). */
export function withGraphiqlLink(html: string): string {
  if (html.includes(OFFLINE_MESSAGE)) return html.replace(OFFLINE_MESSAGE, `${OFFLINE_MESSAGE}\n  ${OFFLINE_LINK}`);
  return html.replace("</body>", `${OFFLINE_LINK}\n</body>`);
}

async function htmlOf(page: LandingPage): Promise<string> {
  return typeof page.html === "string" ? page.html : page.html();
}

/**
 * Apollo Sandbox as the landing page, as before, plus a link to `/graphiql` where Sandbox says it
 * cannot load. Apollo's plugin has no option for extra markup, so this wraps the page it renders;
 * e2e/graphiql.e2e.test.ts checks the link is there.
 */
export function sandboxLandingPage<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  const sandbox = ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false });
  return {
    ...sandbox,
    async serverWillStart(service) {
      const listener = await sandbox.serverWillStart?.(service);
      const render = listener?.renderLandingPage;
      if (!listener || !render) return listener;
      return {
        ...listener,
        async renderLandingPage() {
          const page = await render.call(listener);
          return page && { html: async () => withGraphiqlLink(await htmlOf(page)) };
        },
      };
    },
  } as ApolloServerPlugin<TContext>;
}
