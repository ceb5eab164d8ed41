import { ServiceUnavailableError, type SubgraphClient } from "@pawgraph/subgraph-kit";
import type { OrderableVariant } from "../catalog/catalog.client";

const REFILLS = `query ($petIds: [ID!]!) { prescriptionRefills(petIds: $petIds) { id petId code refillsLeft clinicId } }`;

interface Refill {
  id: string;
  petId: string;
  code: string | null;
  refillsLeft: number;
  clinicId: string | null;
}

/** A prescription-only line that cannot be ordered this run, with who prescribed it last. */
export interface RefillShortfall {
  variantId: string;
  title: string;
  reason: "NO_CURRENT_PRESCRIPTION" | "NO_REFILLS_LEFT";
  clinicId: string | null;
  prescriptionId: string | null;
}

export interface RefillVerdict {
  /** variant id → the prescription the line is ordered against. */
  chosen: Map<string, string>;
  short: RefillShortfall[];
}

/**
 * Whether each prescription-only line of a plan has a running prescription with a refill left, asked
 * of ehr's internal `prescriptionRefills` with the gateway secret: the scheduler has no owner's token
 * to ask with. When ehr cannot answer, the run fails as unavailable (retried), never assumed.
 */
export class CarePlanRefills {
  constructor(private readonly ehr: SubgraphClient) {}

  async check(petId: string, lines: { variant: OrderableVariant }[]): Promise<RefillVerdict> {
    const rx = lines.filter((l) => l.variant.prescriptionOnly);
    if (rx.length === 0) return { chosen: new Map(), short: [] };
    let refills: Refill[];
    try {
      const data = await this.ehr.serviceQuery<{ prescriptionRefills: Refill[] | null }>(REFILLS, { petIds: [petId] });
      if (!data.prescriptionRefills) throw new Error("ehr answered no prescriptions");
      refills = data.prescriptionRefills;
    } catch {
      throw new ServiceUnavailableError("Prescriptions cannot be checked right now; try again shortly");
    }
    const used = new Map<string, number>();
    const verdict: RefillVerdict = { chosen: new Map(), short: [] };
    for (const { variant } of rx) {
      const running = refills.filter((p) => p.code !== null && variant.medicationCodes.includes(p.code));
      const withRefill = running.find((p) => p.refillsLeft - (used.get(p.id) ?? 0) >= 1);
      if (withRefill) {
        used.set(withRefill.id, (used.get(withRefill.id) ?? 0) + 1);
        verdict.chosen.set(variant.variantId, withRefill.id);
      } else
        verdict.short.push({
          variantId: variant.variantId,
          title: variant.title,
          reason: running.length === 0 ? "NO_CURRENT_PRESCRIPTION" : "NO_REFILLS_LEFT",
          clinicId: running[0]?.clinicId ?? null,
          prescriptionId: running[0]?.id ?? null,
        });
    }
    return verdict;
  }
}
