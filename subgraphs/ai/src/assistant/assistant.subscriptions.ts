import { Arg, Authorized, Ctx, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import {
  BadUserInputError,
  isUuid,
  Repeater,
  requireViewer,
  resolverOf,
  type BaseContext,
} from "@pawgraph/subgraph-kit";
import type { AssistantRealtime, StreamEventPayload } from "../realtime/realtime";
import { toAnswer } from "./assistant.mapper";
import type { AssistantRepository } from "./assistant.repository";
import { AssistantStreamEvent } from "./assistant.types";

type Data = SubscribeResolverData<unknown, Record<string, unknown>, BaseContext>;

/** An answer's pieces as they are written, for the asker only. */
@Resolver()
export class AssistantSubscriptions {
  constructor(
    readonly realtime: AssistantRealtime,
    readonly exchanges: AssistantRepository,
  ) {}

  @Authorized()
  @Subscription(() => AssistantStreamEvent, {
    nullable: true,
    description:
      "The answer to `askAssistant(input: { requestId })` as it is written: pieces in order (`sequence` 0, 1, ...), then one with `done` and the stored answer, after which the subscription ends. Subscribe before asking. Only the asker receives it.",
    subscribe: ({ args, context, info }: Data) => {
      const self = resolverOf(info, AssistantSubscriptions);
      const viewer = requireViewer(context.viewer);
      const requestId = String(args.requestId);
      if (!isUuid(requestId)) throw new BadUserInputError("requestId", "requestId must be a UUID");
      const source = self.realtime.stream(viewer.userId, requestId);
      // Ends after the last piece, so the client's subscription completes by itself.
      return new Repeater<StreamEventPayload>(async (push, stop) => {
        const iterator = source[Symbol.asyncIterator]();
        void stop.then(() => iterator.return?.());
        for (;;) {
          const next = await Promise.race([iterator.next(), stop.then(() => null)]);
          if (!next || next.done) break;
          await push(next.value);
          if (next.value.done) break;
        }
        stop();
        await iterator.return?.();
      });
    },
  })
  async assistantAnswerStream(
    @Root() event: StreamEventPayload,
    @Arg("requestId", () => String, {
      description: "The UUID you will pass to `askAssistant` (yours: nobody else hears it).",
    })
    _requestId: string,
    @Ctx() _ctx: BaseContext,
  ): Promise<AssistantStreamEvent> {
    const row = event.answerId ? await this.exchanges.exchangeById(event.answerId) : null;
    return { ...event, answer: row ? toAnswer(row) : null };
  }
}
