import type { PubSub } from "@pawgraph/subgraph-kit";

export interface StreamEventPayload {
  requestId: string;
  sequence: number;
  delta: string;
  done: boolean;
  /** The stored answer's id, on the last event: the subscriber reads it as itself. */
  answerId: string | null;
}

/** Topics: a stream is keyed by its asker and request id, so nobody else can listen to it. */
export type RealtimeTopics = {
  "answer-stream": [key: string, payload: StreamEventPayload];
};

export function streamKey(userId: string, requestId: string): string {
  return `${userId}:${requestId}`;
}

/**
 * Streams an answer's pieces to its asker as they are written, through Redis to every instance when
 * configured. The client subscribes with a request id it chose, then asks with the same id.
 */
export class AssistantRealtime {
  constructor(readonly pubSub: PubSub<RealtimeTopics>) {}

  publish(userId: string, event: StreamEventPayload): void {
    this.pubSub.publish("answer-stream", streamKey(userId, event.requestId), event);
  }

  stream(userId: string, requestId: string) {
    return this.pubSub.subscribe("answer-stream", streamKey(userId, requestId));
  }
}
