import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { readsOwnerOnlyNotes, type AccessPolicy } from "../access/access-policy";
import { toAttachment } from "../attachment/attachment.mapper";
import { Attachment } from "../attachment/attachment.type";
import type { EhrContext } from "../context";
import { Pet } from "./pet.type";

/** The files on a pet's health record, as a field of pets' `Pet`. */
@Resolver(() => Pet)
export class PetAttachmentsResolver {
  constructor(private readonly policy: AccessPolicy) {}

  @FieldResolver(() => [Attachment], {
    nullable: true,
    description:
      "Every file attached to the pet's health record, oldest first (for carers and clinics, none on a home note its owners kept to themselves). Null when ehr cannot be reached.",
  })
  async healthAttachments(@Root() pet: Pet, @Ctx() ctx: EhrContext): Promise<Attachment[]> {
    const access = await this.policy.read(ctx, pet.id, "id");
    const files = readsOwnerOnlyNotes(access) ? ctx.loaders.attachmentsOfPet : ctx.loaders.sharedAttachmentsOfPet;
    return (await files.load(access.petId)).map(toAttachment);
  }
}
