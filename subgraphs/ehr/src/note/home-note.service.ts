import type { DataSource } from "typeorm";
import type { AccessPolicy } from "../access/access-policy";
import type { EhrContext } from "../context";
import { occurredAt } from "../record/record-time";
import { HomeNoteEntity } from "./home-note.entity";
import type { AddHomeNoteInput } from "./home-note.inputs";

/** Owners' own entries in the record. */
export class HomeNoteService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: AccessPolicy,
  ) {}

  async add(ctx: EhrContext, input: AddHomeNoteInput): Promise<HomeNoteEntity> {
    const access = await this.policy.owner(ctx, input.petId);
    const at = occurredAt(input.occurredAt);
    const repository = this.db.getRepository(HomeNoteEntity);
    const note = await repository.save(
      repository.create({
        petId: access.petId,
        clinicId: null,
        occurredAt: at,
        recordedBy: ctx.viewer!.userId,
        text: input.text.trim(),
        ownerOnly: input.ownerOnly ?? false,
      }),
    );
    return repository.findOneByOrFail({ id: note.id });
  }
}
