import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { EhrContext } from "../context";
import { AddHomeNoteInput } from "./home-note.inputs";
import { toHomeNote } from "./home-note.mapper";
import { HomeNote } from "./home-note.type";
import type { HomeNoteService } from "./home-note.service";

/** Owners' own notes in their pet's record. */
@Resolver(() => HomeNote)
export class HomeNoteResolver {
  constructor(private readonly notes: HomeNoteService) {}

  @Authorized()
  @Mutation(() => HomeNote, { description: "Add a note of your own to your pet's record (owners only)." })
  async addHomeNote(
    @Arg("input", () => AddHomeNoteInput, { description: "The note." }) input: AddHomeNoteInput,
    @Ctx() ctx: EhrContext,
  ): Promise<HomeNote> {
    return toHomeNote(await this.notes.add(ctx, input));
  }
}
