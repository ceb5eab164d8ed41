import { SubgraphCallError, type BaseContext, type SubgraphClient } from "@pawgraph/subgraph-kit";
import type { Candidate, PastPurchase } from "./ranker";

/** The most candidates ai ranks: catalog's bound, and one embedding pass of the local embedder. */
export const MAX_CANDIDATES = 500;

const CANDIDATES = `query ($species: Species!, $lifeStage: LifeStage, $prescribedCodes: [String!]!, $limit: Int!) {
  recommendationCandidates(species: $species, lifeStage: $lifeStage, prescribedCodes: $prescribedCodes, limit: $limit) {
    id title description brand categoryName lifeStages prescriptionOnly medicationCodes averageRating reviewCount popularity
  }
}`;

/** The asker's last 20 orders: enough history to rank by, bounded for one call. */
const PURCHASES = `query {
  myOrders(first: 20) { edges { node { vendorOrders { lines { title product { id } } } } } }
}`;

const ALLERGIES_CONDITIONS_PRESCRIPTIONS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Pet {
      allergies: healthTimeline(first: 100, filter: { kinds: [ALLERGY] }) { edges { node { ... on Allergy { substance } } } }
      visits: healthTimeline(first: 50, filter: { kinds: [VISIT] }) { edges { node { ... on Visit { diagnoses { text } } } } }
      activePrescriptions { drug code }
    }
  }
}`;

/** What ranking needs of a pet's health record. */
export interface PetHealth {
  allergies: string[];
  conditions: string[];
  prescriptions: { drug: string; code: string | null }[];
}

/**
 * catalog's eligible products for a pet (internal `recommendationCandidates`, gateway secret only:
 * nothing in it depends on who asks) and the asker's past purchases from orders (their own token).
 */
export class ShopClients {
  constructor(
    private readonly catalog: SubgraphClient,
    private readonly orders: SubgraphClient,
    private readonly ehr: SubgraphClient,
  ) {}

  async candidates(
    ctx: BaseContext,
    criteria: { species: string; lifeStage: string | null; prescribedCodes: string[] },
  ): Promise<Candidate[]> {
    const data = await this.catalog.query<{ recommendationCandidates: Candidate[] | null }>(
      { requestId: ctx.requestId },
      CANDIDATES,
      { ...criteria, limit: MAX_CANDIDATES },
    );
    if (!data.recommendationCandidates) throw new SubgraphCallError("catalog", "no recommendation candidates");
    return data.recommendationCandidates;
  }

  /** Products the asker bought (newest first, each once). orders down: none, and the ranking starts colder. */
  async purchases(ctx: BaseContext): Promise<PastPurchase[]> {
    try {
      const data = await this.orders.query<{
        myOrders: {
          edges: { node: { vendorOrders: { lines: { title: string; product: { id: string } | null }[] }[] } }[];
        } | null;
      }>(ctx, PURCHASES, {});
      const seen = new Map<string, PastPurchase>();
      for (const { node } of data.myOrders?.edges ?? [])
        for (const vendorOrder of node.vendorOrders)
          for (const line of vendorOrder.lines)
            if (line.product && !seen.has(line.product.id))
              seen.set(line.product.id, { productId: line.product.id, title: line.title });
      return [...seen.values()];
    } catch (error) {
      ctx.log.warn({ err: error }, "orders did not answer; recommending without past purchases");
      return [];
    }
  }

  /**
   * Allergies, diagnoses and running prescriptions, as the asker may see them in ehr. ehr down throws
   * (the field answers SERVICE_UNAVAILABLE): ranking without the allergies could offer an allergen.
   * An asker ehr shows no record to gets an empty one (they cannot see the allergies either).
   */
  async health(ctx: BaseContext, petId: string): Promise<PetHealth> {
    try {
      const data = await this.ehr.query<{
        _entities: ({
          allergies: { edges: { node: { substance?: string } }[] } | null;
          visits: { edges: { node: { diagnoses?: { text: string }[] } }[] } | null;
          activePrescriptions: { drug: string; code: string | null }[] | null;
        } | null)[];
      }>(ctx, ALLERGIES_CONDITIONS_PRESCRIPTIONS, { representations: [{ __typename: "Pet", id: petId }] });
      const pet = data._entities[0];
      if (pet && (pet.allergies === null || pet.visits === null || pet.activePrescriptions === null))
        throw new SubgraphCallError("ehr", "the record was not available");
      return {
        allergies: [
          ...new Set((pet?.allergies?.edges ?? []).flatMap(({ node }) => (node.substance ? [node.substance] : []))),
        ],
        conditions: [
          ...new Set((pet?.visits?.edges ?? []).flatMap(({ node }) => (node.diagnoses ?? []).map((d) => d.text))),
        ].slice(0, 20),
        prescriptions: pet?.activePrescriptions ?? [],
      };
    } catch (error) {
      if (
        error instanceof SubgraphCallError &&
        !error.unavailable &&
        error.codes.some((c) => c === "FORBIDDEN" || c === "NOT_FOUND")
      )
        return { allergies: [], conditions: [], prescriptions: [] };
      throw error;
    }
  }
}
