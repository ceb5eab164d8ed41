import { ServiceUnavailableError, type BaseContext, type SubgraphClient } from "@pawgraph/subgraph-kit";

const RELATIONSHIP = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Pet { id myRelationship } }
}`;

/**
 * Whether the viewer owns pets, asked of pets with the viewer's own token (pets applies its rules: a
 * pet the viewer may not see is answered as not theirs). When pets cannot answer, the caller gets
 * SERVICE_UNAVAILABLE: ownership is never assumed.
 */
export class PetOwnership {
  constructor(private readonly pets: SubgraphClient) {}

  async owned(ctx: BaseContext, petIds: readonly string[]): Promise<Set<string>> {
    if (petIds.length === 0) return new Set();
    try {
      const data = await this.pets.query<{ _entities: ({ id: string; myRelationship: string } | null)[] }>(
        ctx,
        RELATIONSHIP,
        {
          representations: [...new Set(petIds)].map((id) => ({ __typename: "Pet", id })),
        },
      );
      return new Set(data._entities.flatMap((e) => (e?.myRelationship === "OWNER" ? [e.id] : [])));
    } catch (error) {
      const codes = (error as { codes?: string[] }).codes ?? [];
      if (codes.length > 0 && codes.every((c) => c === "NOT_FOUND" || c === "FORBIDDEN")) return new Set();
      ctx.log.warn({ err: error }, "pets could not say who owns a pet");
      throw new ServiceUnavailableError("Pets cannot be checked right now; try again shortly");
    }
  }
}
