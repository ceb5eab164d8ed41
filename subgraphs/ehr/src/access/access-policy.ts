import { BadUserInputError, ForbiddenError, NotFoundError, parseId, requireViewer } from "@pawgraph/subgraph-kit";
import type { EhrContext } from "../context";
import type { PetAccess } from "./pet-access";

const CLINICAL_WRITERS = new Set(["VET", "CLINIC_STAFF", "CLINIC_ADMIN"]);

/**
 * Whether this reader sees the home notes an owner kept to the owners (`ownerOnly`). Only owners
 * do: carers and clinics read the rest of the record, and every read path (timeline, files,
 * attachment targets) asks this before it lists a note or anything hanging off it.
 */
export function readsOwnerOnlyNotes(access: PetAccess): boolean {
  return access.relationship === "OWNER";
}

/**
 * Who may see and change a pet's record. Owners read everything; current carers and vets and
 * staff of a clinic with a live grant read everything but owner-only home notes; owners add home
 * entries; those clinic members write clinical records.
 * Everyone else gets NOT_FOUND. Reads by anyone but an owner are noted for the access log.
 */
export class AccessPolicy {
  /** The pet's access for a reader; NOT_FOUND when the viewer may not see it. */
  async read(ctx: EhrContext, petId: string, field = "petId"): Promise<PetAccess> {
    const access = await this.access(ctx, petId, field);
    if (access.relationship !== "OWNER") ctx.accessLog.noteRead(access);
    return access;
  }

  /** The viewer's access without noting a read (writes log themselves). */
  private async access(ctx: EhrContext, petId: string, field: string): Promise<PetAccess> {
    requireViewer(ctx.viewer);
    const access = await ctx.loaders.petAccess.load(parseId(petId, field));
    if (!access) throw new NotFoundError("Pet", field);
    return access;
  }

  /** Only owners: home notes, reminders, the access log. Carers and clinics get FORBIDDEN. */
  async owner(ctx: EhrContext, petId: string, field = "input.petId"): Promise<PetAccess> {
    const access = await this.read(ctx, petId, field);
    if (access.relationship !== "OWNER") throw new ForbiddenError("Only the pet's owners can do this");
    return access;
  }

  /**
   * Clinical writes: the viewer must hold a clinic role at a clinic with a live grant. Returns the
   * clinic the record is written for: the one asked for, or the only one possible.
   */
  async clinicalWrite(
    ctx: EhrContext,
    petId: string,
    clinicId: string | null | undefined,
    field = "input.petId",
    anyClinic = false,
  ): Promise<{ access: PetAccess; clinicId: string }> {
    const viewer = requireViewer(ctx.viewer);
    const access = await this.access(ctx, petId, field);
    const writable = access.clinicIds.filter((id) =>
      viewer.memberships.some((m) => m.clinicId === id && CLINICAL_WRITERS.has(m.role)),
    );
    if (writable.length === 0)
      throw new ForbiddenError("Only vets and staff of a clinic with access can write clinical records");
    if (clinicId) {
      const wanted = parseId(clinicId, "input.clinicId");
      if (!writable.includes(wanted)) throw new ForbiddenError("That clinic has no access to this pet's record");
      return { access, clinicId: wanted };
    }
    if (writable.length > 1 && !anyClinic)
      throw new BadUserInputError("input.clinicId", "You work at several clinics with access: say which one");
    return { access, clinicId: writable[0]! };
  }
}
