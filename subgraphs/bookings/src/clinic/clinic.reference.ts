import { isUuid } from "@pawgraph/subgraph-kit";
import type { BookingsContext } from "../context";
import { canSeeClinic } from "./clinic-visibility";
import { toClinic } from "./clinic.mapper";
import type { Clinic } from "./clinic.type";

/** Other subgraphs refer to clinics by id; unapproved ones resolve only for those who may see them. */
export const clinicReference = {
  async __resolveReference(reference: { id: string }, ctx: BookingsContext): Promise<Clinic | null> {
    if (!isUuid(reference.id)) return null;
    const clinic = await ctx.loaders.clinic.load(reference.id.toLowerCase());
    return clinic && canSeeClinic(ctx.viewer, clinic) ? toClinic(clinic) : null;
  },
};
