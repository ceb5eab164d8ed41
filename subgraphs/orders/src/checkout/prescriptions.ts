import { ServiceUnavailableError, type BaseContext, type SubgraphClient } from "@pawgraph/subgraph-kit";
import type { PetOwnership } from "../shared/pet-ownership";

const PRESCRIPTIONS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Pet { id activePrescriptions { id code refillsLeft } } }
}`;

/** A prescription-only cart line to check. */
export interface PrescriptionLine {
  lineId: string;
  title: string;
  petId: string | null;
  medicationCodes: string[];
}

export type PrescriptionRefusal = "PET_REQUIRED" | "NOT_YOUR_PET" | "NO_CURRENT_PRESCRIPTION" | "NO_REFILLS_LEFT";

export type PrescriptionVerdict =
  | { ok: true; prescriptions: Map<string, string> }
  | { ok: false; lineId: string; reason: PrescriptionRefusal; message: string };

/**
 * Checks prescription-only lines before checkout: the line names a pet the buyer owns (pets, asked
 * with the buyer's token), and ehr (asked with the same token) holds a running prescription for that
 * pet whose ATCvet code is one of the product's, with a refill left for every line that uses it.
 * Running means started and not ended: an expired prescription is not among them. When pets or ehr
 * cannot answer, checkout fails as unavailable: a prescription is never assumed.
 */
export class PrescriptionChecker {
  constructor(
    private readonly pets: PetOwnership,
    private readonly ehr: SubgraphClient,
  ) {}

  async check(ctx: BaseContext, lines: PrescriptionLine[]): Promise<PrescriptionVerdict> {
    if (lines.length === 0) return { ok: true, prescriptions: new Map() };
    const missing = lines.find((l) => !l.petId);
    if (missing)
      return {
        ok: false,
        lineId: missing.lineId,
        reason: "PET_REQUIRED",
        message: `${missing.title} is prescription-only: say which pet it is for.`,
      };
    const petIds = [...new Set(lines.map((l) => l.petId!))];
    const representations = petIds.map((id) => ({ __typename: "Pet", id }));
    const [owned, prescribed] = await Promise.all([
      this.pets.owned(ctx, petIds),
      this.ask<{ id: string; activePrescriptions: { id: string; code: string | null; refillsLeft: number }[] | null }>(
        ctx,
        PRESCRIPTIONS,
        representations,
      ),
    ]);
    const used = new Map<string, number>();
    const chosen = new Map<string, string>();
    for (const line of lines) {
      if (!owned.has(line.petId!))
        return {
          ok: false,
          lineId: line.lineId,
          reason: "NOT_YOUR_PET",
          message: `Prescription-only products can only be bought for your own pets.`,
        };
      const running = (prescribed.get(line.petId!)?.activePrescriptions ?? []).filter(
        (p) => p.code !== null && line.medicationCodes.includes(p.code),
      );
      if (running.length === 0)
        return {
          ok: false,
          lineId: line.lineId,
          reason: "NO_CURRENT_PRESCRIPTION",
          message: `${line.title} needs a current prescription for this pet from its vet.`,
        };
      const withRefill = running.find((p) => p.refillsLeft - (used.get(p.id) ?? 0) >= 1);
      if (!withRefill)
        return {
          ok: false,
          lineId: line.lineId,
          reason: "NO_REFILLS_LEFT",
          message: `The prescription for ${line.title} has no refills left.`,
        };
      used.set(withRefill.id, (used.get(withRefill.id) ?? 0) + 1);
      chosen.set(line.lineId, withRefill.id);
    }
    return { ok: true, prescriptions: chosen };
  }

  /** ehr's `_entities` by pet id; a pet the buyer may not see comes back as null (left out). */
  private async ask<T extends { id: string }>(
    ctx: BaseContext,
    query: string,
    representations: { __typename: string; id: string }[],
  ): Promise<Map<string, T>> {
    try {
      const data = await this.ehr.query<{ _entities: (T | null)[] }>(ctx, query, { representations });
      return new Map(data._entities.flatMap((e) => (e ? [[e.id, e] as const] : [])));
    } catch (error) {
      // A pet the buyer may not see is an error for that entity: the answer then is "not yours".
      const codes = (error as { codes?: string[] }).codes ?? [];
      if (codes.length > 0 && codes.every((c) => c === "NOT_FOUND" || c === "FORBIDDEN")) return new Map();
      ctx.log.warn({ err: error }, "prescription check could not ask ehr");
      throw new ServiceUnavailableError(`Prescriptions cannot be checked right now; try again shortly`);
    }
  }
}
