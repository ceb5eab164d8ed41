import type { PetCarerEntity } from "./pet-carer.entity";
import type { PetCarer } from "./pet-carer.type";

/** The GraphQL shape of a share: `active` is decided at read time, as `until` passes without a write. */
export function toPetCarer(carer: PetCarerEntity, now = Date.now()): PetCarer {
  return {
    id: carer.id,
    email: carer.email,
    until: carer.until,
    createdAt: carer.createdAt,
    active: !carer.until || carer.until.getTime() > now,
  };
}
