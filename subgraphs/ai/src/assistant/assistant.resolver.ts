import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, keyset, paginate, requireViewer, type BaseContext } from "@pawgraph/subgraph-kit";
import type { AiContext } from "../context";
import { AskAssistantInput, DeleteAssistantThreadInput } from "./assistant.inputs";
import { toAnswer, toThread } from "./assistant.mapper";
import type { AssistantRepository, ThreadRow } from "./assistant.repository";
import type { AssistantService } from "./assistant.service";
import { AssistantAnswer, AssistantThread, AssistantThreadConnection } from "./assistant.types";

const THREAD_PAGE = keyset("date", "uuid").of((t: ThreadRow) => [t.updatedAt, t.id]);

/** The assistant: ask, and read or delete your own threads. */
@Resolver(() => AssistantThread)
export class AssistantResolver {
  constructor(
    private readonly assistant: AssistantService,
    private readonly threads: AssistantRepository,
  ) {}

  @Mutation(() => AssistantAnswer, {
    description:
      "Ask the pet-care assistant. Emergencies (RED/ORANGE triage) get a fixed block: contact a vet now, the nearest open clinic, poison helplines. Otherwise a cited answer from care articles and the pet's record as you may see it. NOT_FOUND for a pet or thread that is not yours to see; RATE_LIMITED past the hourly quota.",
  })
  async askAssistant(
    @Arg("input", () => AskAssistantInput, {
      description: "The question, and optionally the pet, thread and stream id.",
    })
    input: AskAssistantInput,
    @Ctx() ctx: BaseContext,
  ): Promise<AssistantAnswer> {
    return toAnswer(await this.assistant.ask(ctx, input));
  }

  @Query(() => AssistantThreadConnection, {
    nullable: true,
    description: "Your conversations with the assistant, most recently active first.",
  })
  async assistantThreads(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: BaseContext,
  ): Promise<AssistantThreadConnection> {
    const viewer = requireViewer(ctx.viewer);
    return paginate(args, {
      keyset: THREAD_PAGE,
      fetch: ({ limit, after }) => this.threads.threadsOf(viewer.userId, limit, after ?? null),
      map: (row) => toThread(row, []),
    });
  }

  @Query(() => AssistantThread, { nullable: true, description: "One of your threads; NOT_FOUND for anyone else's." })
  async assistantThread(
    @Arg("id", () => ID, { description: "The thread." }) id: string,
    @Ctx() ctx: BaseContext,
  ): Promise<AssistantThread> {
    return toThread(await this.assistant.ownThread(ctx, id, "id"), []);
  }

  @Mutation(() => ID, {
    description:
      "Deletes one of your threads with every question and answer in it (also from the audit log). Returns its id.",
  })
  async deleteAssistantThread(
    @Arg("input", () => DeleteAssistantThreadInput, { description: "The thread." }) input: DeleteAssistantThreadInput,
    @Ctx() ctx: BaseContext,
  ): Promise<string> {
    const thread = await this.assistant.ownThread(ctx, input.threadId, "input.threadId");
    await this.threads.deleteThread(thread.id, thread.ownerId);
    return thread.id;
  }

  @FieldResolver(() => [AssistantAnswer], { description: "Its questions and answers, oldest first (the latest 100)." })
  async answers(@Root() thread: AssistantThread, @Ctx() ctx: AiContext): Promise<AssistantAnswer[]> {
    // Only reached through a thread of the viewer's; one statement for a page of threads.
    return (await ctx.loaders.exchanges.load(thread.id)).map(toAnswer);
  }
}
