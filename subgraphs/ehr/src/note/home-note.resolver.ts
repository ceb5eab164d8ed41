import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { EhrContext } from "../context";
import { AddHomeNoteInput } from "./home-note.inputs";
import { toHomeNote } from "./home-note.mapper";
import { HomeNote } from "./home-note.type";

/** Owners' own notes in their pet's record. */
@Resolver(() => HomeNote)
export class HomeNoteResolver {
  @Authorized()
  @Mutation(() => HomeNote, { description: "Add a note of your own to your pet's record (owners only)." })
  async addHomeNote(@Arg("input", () => AddHomeNoteInput, { description: "The note." }) input: AddHomeNoteInput, @Ctx() ctx: EhrContext): Promise<HomeNote> {
    return toHomeNote(await ctx.services.notes.add(ctx, input));
  }
}
