import { isUuid, type PersonalDataSubject } from "@pawgraph/subgraph-kit";
import type { EntityManager } from "typeorm";
import { cancelPlan } from "./care-plan-billing";
import type { CarePlanRepository } from "./care-plan.repository";

/**
 * Before orders' erasure rules anonymise the person's care plans (docs/decisions/0048): every plan
 * of theirs not yet cancelled is cancelled the way an owner cancels one (reason OWNER: the account's
 * owner asked for its deletion), so the scheduler places no order and takes no charge for it again.
 * The care_plan.cancelled events name `erasedId`, the id the plans carry once anonymised, not the
 * person: messaging and reports may read them after their own erasure. Returns the plans cancelled.
 */
export async function cancelCarePlansOf(
  manager: EntityManager,
  plans: CarePlanRepository,
  subject: PersonalDataSubject,
  erasedId: string,
  now: Date,
): Promise<number> {
  if (!isUuid(subject.userId)) return 0;
  const open = await plans.notCancelledOfOwner(manager, subject.userId);
  for (const plan of open) await cancelPlan(manager, plans, { ...plan, ownerId: erasedId }, "OWNER", now);
  return open.length;
}
