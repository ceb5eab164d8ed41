import { GraphQLError, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from "graphql";
import type { GatewayContext } from "../context";

/** Error code when a subscriber fell this many events behind the others of its group: it is ended, subscribe again. */
export const SUBSCRIPTION_TOO_SLOW = "SUBSCRIPTION_TOO_SLOW";

/** Events one subscriber may have waiting (its socket not keeping up) before it is ended. */
const MAX_QUEUED = 1_000;

type Outcome = AsyncIterable<ExecutionResult> | ExecutionResult;

/**
 * Writes one event's `next` message straight to a subscriber's socket, given the event's result
 * serialised once for the group; false when the socket is backed up (then the event takes the
 * graphql-ws path, which waits for each send).
 */
export type DirectSend = (payloadJson: string) => boolean;

/** One subscriber of a group: the events not yet taken, and the `next()` waiting for one. */
interface Subscriber {
  queue: ExecutionResult[];
  /** Set when the group's stream ended (undefined error: completed). */
  end?: { error?: unknown };
  waiting?: { resolve: (result: IteratorResult<ExecutionResult>) => void; reject: (error: unknown) => void };
  /** Takes it out of its group (idempotent). */
  leave: () => void;
  direct?: DirectSend;
}

/** One execution of a subscription, shared by every subscriber with the same key. */
interface Group {
  key: string;
  members: Set<Subscriber>;
  /** The stream's first outcome: an iterator, or the result that refused it (shared by whoever joined before it came). */
  outcome: Promise<AsyncIterator<ExecutionResult> | ExecutionResult>;
  iterator?: AsyncIterator<ExecutionResult>;
  closed: boolean;
}

/**
 * Runs each subscription once per group of subscribers that would get the same answers, and hands
 * every event's one result to all of them (docs/decisions/0056). The group is the schema, the access
 * token (the whole `authorization` header, so one session: one viewer with the same roles and the
 * same expiry), the parsed document, the operation name and the variables. Within a group the
 * upstream subscription, the execution of each event on the stitched schema and every entity fetch it
 * makes (with that token) happen once, however many sockets subscribed: one person's tabs and
 * devices, or a bench's 10,000 sockets. Subscribers of different tokens never share a group, so no
 * viewer is ever answered with another's execution.
 *
 * The group's execution runs with its first subscriber's context (the token, request id, client
 * address); the others differ only by request id and address, which do not change answers. The
 * group ends when its last subscriber leaves (the upstream subscription is returned then), or with
 * its stream: completion and errors reach every member.
 */
export class SharedSubscriptions {
  private readonly bySchema = new WeakMap<GraphQLSchema, Map<string, Group>>();
  private readonly documentIds = new WeakMap<DocumentNode, number>();
  private readonly members = new WeakMap<object, Subscriber>();
  private nextDocumentId = 0;
  private live = 0;
  private subscribers = 0;

  /**
   * @param run executes a subscription (graphql's `subscribe` on the stitched schema)
   * @param serialize an event's result as the JSON of a `next` message's payload (errors formatted as graphql-ws's `onNext` would)
   */
  constructor(
    private readonly run: (args: ExecutionArgs) => Outcome | Promise<Outcome>,
    private readonly serialize: (result: ExecutionResult) => string,
  ) {}

  /**
   * Lets events reach the subscriber behind `iterator` (what `subscribe` gave graphql-ws) by `send`,
   * skipping graphql-ws's per-event promises and its serialisation per subscriber: with thousands of
   * subscribers in a group those were most of the gateway's work apart from the socket writes. Used
   * only while graphql-ws waits on this subscriber's `next()` with nothing queued, so the order of
   * events is kept; completion and errors still go through graphql-ws.
   */
  sendDirectly(iterator: unknown, send: DirectSend): void {
    const member = typeof iterator === "object" && iterator ? this.members.get(iterator) : undefined;
    if (member) member.direct = send;
  }

  /** How many executions run for how many subscribers (`gateway_websocket_executions` on /metrics). */
  get stats(): { groups: number; subscribers: number } {
    return { groups: this.live, subscribers: this.subscribers };
  }

  subscribe = (args: ExecutionArgs): Promise<Outcome> => {
    const key = this.keyOf(args);
    if (key === undefined) return Promise.resolve(this.run(args));
    let groups = this.bySchema.get(args.schema);
    if (!groups) this.bySchema.set(args.schema, (groups = new Map()));
    let group = groups.get(key);
    if (!group) group = this.start(groups, key, args);
    return this.join(groups, group);
  };

  private keyOf(args: ExecutionArgs): string | undefined {
    const authorization = (args.contextValue as GatewayContext | undefined)?.authorization;
    // No token, no group: nothing proves two anonymous subscribers' answers are the same (none run today).
    if (!authorization) return undefined;
    let id = this.documentIds.get(args.document);
    if (id === undefined) this.documentIds.set(args.document, (id = this.nextDocumentId++));
    return JSON.stringify([authorization, id, args.operationName ?? null, args.variableValues ?? null]);
  }

  private start(groups: Map<string, Group>, key: string, args: ExecutionArgs): Group {
    const group: Group = {
      key,
      members: new Set(),
      closed: false,
      outcome: Promise.resolve()
        .then(() => this.run(args))
        .then((outcome) => (isAsyncIterable(outcome) ? outcome[Symbol.asyncIterator]() : outcome)),
    };
    groups.set(key, group);
    this.live++;
    void group.outcome.then(
      (outcome) => {
        if (!isIterator(outcome)) return this.close(groups, group);
        // Everyone left while it started: it ends upstream now.
        if (group.closed) return void outcome.return?.()?.catch(() => undefined);
        group.iterator = outcome;
        void this.pump(groups, group, outcome);
      },
      (error: unknown) => this.finish(groups, group, { error }),
    );
    return group;
  }

  /** Reads the one stream and hands each event to every member's queue (members take them at their own pace). */
  private async pump(groups: Map<string, Group>, group: Group, iterator: AsyncIterator<ExecutionResult>) {
    try {
      for (;;) {
        const next = await iterator.next();
        if (group.closed) return;
        if (next.done) return this.finish(groups, group, {});
        let json: string | undefined;
        for (const member of group.members) {
          if (member.direct && member.waiting && !member.queue.length && !member.end) {
            json ??= this.serialize(next.value);
            if (member.direct(json)) continue;
          }
          deliver(member, next.value);
        }
      }
    } catch (error) {
      this.finish(groups, group, { error });
    }
  }

  /** The stream ended (completed, or failed with `error`): every member is told, and the group is gone. */
  private finish(groups: Map<string, Group>, group: Group, end: { error?: unknown }) {
    for (const member of group.members) {
      member.end = end;
      if (member.waiting && !member.queue.length) settle(member);
    }
    this.close(groups, group);
  }

  private close(groups: Map<string, Group>, group: Group) {
    if (group.closed) return;
    group.closed = true;
    this.live--;
    if (groups.get(group.key) === group) groups.delete(group.key);
    void group.iterator?.return?.()?.catch(() => undefined);
  }

  private async join(groups: Map<string, Group>, group: Group): Promise<Outcome> {
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      this.subscribers--;
      group.members.delete(member);
      if (!group.members.size) this.close(groups, group);
    };
    const member: Subscriber = { queue: [], leave };
    group.members.add(member);
    this.subscribers++;
    let outcome: AsyncIterator<ExecutionResult> | ExecutionResult;
    try {
      outcome = await group.outcome;
    } catch (error) {
      leave();
      throw error;
    }
    // Refused (a result, not a stream): each member gets the same refusal, as it would have alone.
    if (!isIterator(outcome)) {
      leave();
      return outcome;
    }
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      [Symbol.asyncIterator]() {
        return this;
      },
      next: () => {
        const value = member.queue.shift();
        if (value) return Promise.resolve({ done: false, value });
        if (member.end) {
          leave();
          return member.end.error === undefined
            ? Promise.resolve({ done: true, value: undefined })
            : Promise.reject(member.end.error);
        }
        if (left) return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve, reject) => (member.waiting = { resolve, reject }));
      },
      return: () => {
        leave();
        member.queue.length = 0;
        if (member.waiting) member.waiting.resolve({ done: true, value: undefined });
        member.waiting = undefined;
        return Promise.resolve({ done: true, value: undefined });
      },
      throw: (error: unknown) => {
        leave();
        return Promise.reject(error);
      },
    };
    this.members.set(iterator, member);
    return iterator;
  }
}

function deliver(member: Subscriber, value: ExecutionResult) {
  if (member.end) return;
  if (member.waiting) {
    const { resolve } = member.waiting;
    member.waiting = undefined;
    resolve({ done: false, value });
    return;
  }
  if (member.queue.length >= MAX_QUEUED) {
    // Its socket is not keeping up with the others': ended rather than buffering without bound.
    member.queue.length = 0;
    member.end = {
      error: new GraphQLError(
        `This subscription fell ${MAX_QUEUED} events behind and was ended; subscribe again and refetch what you missed.`,
        { extensions: { code: SUBSCRIPTION_TOO_SLOW } },
      ),
    };
    return;
  }
  member.queue.push(value);
}

/** Tells a waiting member its stream ended. */
function settle(member: Subscriber) {
  const waiting = member.waiting!;
  member.waiting = undefined;
  member.leave();
  if (member.end?.error === undefined) waiting.resolve({ done: true, value: undefined });
  else waiting.reject(member.end.error);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === "function";
}

function isIterator(value: unknown): value is AsyncIterator<ExecutionResult> {
  return typeof (value as AsyncIterator<unknown> | null)?.next === "function";
}
