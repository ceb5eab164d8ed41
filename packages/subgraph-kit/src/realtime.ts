import { createPubSub, type PubSub } from "@graphql-yoga/subscription";
import type {
  TypedEvent,
  TypedEventListenerOrEventListenerObject,
  TypedEventTarget,
} from "@graphql-yoga/typed-event-target";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { closeRedis, openRedis } from "./outbox/redis-connection";

export type { PubSub } from "@graphql-yoga/subscription";
export { Repeater, createPubSub, filter, map, pipe } from "@graphql-yoga/subscription";

/** Topic name → publish arguments (`[id, payload]` for topics with an id), as `createPubSub` takes them. */
export type PubSubPublishArgsByKey = Record<string, [] | [unknown] | [number | string, unknown]>;

/** A pub/sub for GraphQL subscriptions and what must be closed with it. */
export interface RealtimePubSub<T extends PubSubPublishArgsByKey> {
  pubSub: PubSub<T>;
  /** "redis" when events fan out to every instance, "memory" when they stay in this process. */
  transport: "redis" | "memory";
  close(): Promise<void>;
}

type Listener = TypedEventListenerOrEventListenerObject<TypedEvent>;

function call(listener: Listener, event: TypedEvent): void {
  if (typeof listener === "function") listener(event);
  else listener.handleEvent(event);
}

/**
 * Listeners by topic in a Map of Sets: adding and removing one is O(1). (Node's EventTarget, which
 * `createPubSub` uses by default, scans its list on every add: O(N²) for N subscribers of one topic,
 * with a MaxListenersExceeded warning past 10.) Delivers what `dispatchEvent` hands it in-process.
 */
export class TopicEventTarget implements TypedEventTarget<TypedEvent> {
  protected readonly listeners = new Map<string, Set<Listener>>();

  addEventListener(type: string, listener: Listener | null): void {
    if (!listener) return;
    let listeners = this.listeners.get(type);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(type, listeners);
      this.firstListener(type);
    }
    listeners.add(listener);
  }

  removeEventListener(type: string, listener: Listener | null): void {
    const listeners = this.listeners.get(type);
    if (!listeners || !listener) return;
    listeners.delete(listener);
    if (listeners.size) return;
    this.listeners.delete(type);
    this.lastListenerGone(type);
  }

  dispatchEvent(event: TypedEvent): boolean {
    this.deliver(event.type, event.detail);
    return true;
  }

  protected deliver(type: string, detail: unknown): void {
    const listeners = this.listeners.get(type);
    if (!listeners) return;
    const event = new CustomEvent(type, { detail }) as TypedEvent;
    for (const listener of [...listeners]) call(listener, event);
  }

  protected firstListener(_type: string): void {}

  protected lastListenerGone(_type: string): void {}
}

/**
 * A TopicEventTarget over Redis pub/sub, so an event published on one instance reaches subscribers
 * on every instance. Channels are `<namespace>:<topic>`: deployments (and test runs) sharing a Redis
 * stay apart. One SUBSCRIBE per topic while anyone listens, like `@graphql-yoga/redis-event-target`,
 * which we cannot use because it pins ioredis 5 as a peer.
 */
export class RedisEventTarget extends TopicEventTarget {
  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly namespace: string,
    private readonly log: Logger,
  ) {
    super();
    subscriber.on("message", (channel: string, message: string) => {
      let detail: unknown;
      try {
        detail = JSON.parse(message);
      } catch {
        log.warn({ channel }, "ignored a realtime event that is not JSON");
        return;
      }
      this.deliver(channel.slice(namespace.length + 1), detail);
    });
    // ioredis re-subscribes after a reconnect only to channels whose SUBSCRIBE once succeeded: a topic
    // first listened to while Redis was down (its SUBSCRIBE failed) would stay deaf for good, and so
    // would every later listener of it. So on each 'ready' every topic with listeners is subscribed
    // again (SUBSCRIBE to a channel already subscribed is a no-op).
    subscriber.on("ready", () => {
      const channels = [...this.listeners.keys()].map((type) => this.channel(type));
      if (channels.length === 0) return;
      this.subscriber.subscribe(...channels).then(
        () => log.info({ topics: channels.length }, "realtime topics subscribed after reconnect"),
        (error: unknown) =>
          log.warn(
            { err: error, topics: channels.length },
            "realtime re-subscribe failed; will retry on the next reconnect",
          ),
      );
    });
  }

  override dispatchEvent(event: TypedEvent): boolean {
    this.publisher
      .publish(this.channel(event.type), JSON.stringify(event.detail ?? null))
      .catch((error: unknown) => this.log.error({ err: error, topic: event.type }, "realtime publish failed"));
    return true;
  }

  protected override firstListener(type: string): void {
    // A failure (Redis down) is made good by the re-subscribe on the next 'ready'.
    this.subscriber
      .subscribe(this.channel(type))
      .catch((error: unknown) =>
        this.log.warn({ err: error, topic: type }, "realtime subscribe failed; subscribing again once Redis is back"),
      );
  }

  protected override lastListenerGone(type: string): void {
    this.subscriber.unsubscribe(this.channel(type)).catch(() => undefined);
  }

  private channel(type: string): string {
    return `${this.namespace}:${type}`;
  }
}

/**
 * The pub/sub behind a subgraph's subscriptions: Redis pub/sub when `redisUrl` is set (any number of
 * instances), in-process otherwise. Payloads cross Redis as JSON, so publish plain data (ISO dates).
 */
export function openRealtimePubSub<T extends PubSubPublishArgsByKey>(options: {
  redisUrl?: string;
  namespace?: string;
  log: Logger;
}): RealtimePubSub<T> {
  if (!options.redisUrl)
    return {
      pubSub: createPubSub<T>({ eventTarget: new TopicEventTarget() as never }),
      transport: "memory",
      close: async () => {},
    };
  /** Prefix of the Redis pub/sub channels of subscriptions: `REALTIME_NAMESPACE`, else `EVENT_STREAM`, else `pawgraph`. */
  const namespace = options.namespace ?? process.env.REALTIME_NAMESPACE ?? process.env.EVENT_STREAM ?? "pawgraph";
  const publisher = openRedis(options.redisUrl, "realtime-publish", options.log);
  const subscriber = openRedis(options.redisUrl, "realtime-subscribe", options.log);
  const eventTarget = new RedisEventTarget(publisher, subscriber, `${namespace}:realtime`, options.log);
  return {
    pubSub: createPubSub<T>({ eventTarget: eventTarget as never }),
    transport: "redis",
    close: async () => {
      await Promise.all([closeRedis(publisher), closeRedis(subscriber)]);
    },
  };
}
