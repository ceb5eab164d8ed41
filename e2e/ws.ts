import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type FormattedExecutionResult } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/** What a subscription received: results in order, then how it ended. */
export interface Subscription<T> {
  results: FormattedExecutionResult<T>[];
  /** Resolves with the n-th result (1-based), or rejects after `timeoutMs`. */
  nth(n: number, timeoutMs?: number): Promise<FormattedExecutionResult<T>>;
  /** Settles when the server completes the operation (`complete`) or fails it (`error`). */
  ended: Promise<{ completed: true } | { error: unknown }>;
  unsubscribe(): void;
}

/** A graphql-ws client as an app would open it: token in `connection_init`, no retries (tests see every close). */
export function openSocket(
  url: string,
  token?: string,
  onClosed?: (event: { code: number; reason: string }) => void,
): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: token === undefined ? {} : { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => onClosed?.(event as { code: number; reason: string }) },
    onNonLazyError: () => undefined,
  });
}

export function subscribe<TResult, TVariables>(
  client: Client,
  document: TypedDocumentNode<TResult, TVariables> | string,
  variables?: TVariables,
): Subscription<TResult> {
  const results: FormattedExecutionResult<TResult>[] = [];
  const waiters: { n: number; resolve: (r: FormattedExecutionResult<TResult>) => void }[] = [];
  let settle!: (outcome: { completed: true } | { error: unknown }) => void;
  const ended = new Promise<{ completed: true } | { error: unknown }>((resolve) => (settle = resolve));
  const unsubscribe = client.subscribe<TResult>(
    {
      query: typeof document === "string" ? document : print(document),
      variables: variables as Record<string, unknown> | undefined,
    },
    {
      next: (result) => {
        results.push(result as FormattedExecutionResult<TResult>);
        for (const waiter of waiters.filter((w) => w.n <= results.length)) waiter.resolve(results[waiter.n - 1]!);
      },
      error: (error) => settle({ error }),
      complete: () => settle({ completed: true }),
    },
  );
  return {
    results,
    ended,
    unsubscribe,
    nth: (n, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        if (results.length >= n) return resolve(results[n - 1]!);
        const timer = setTimeout(
          () =>
            reject(
              new Error(`no result #${n} within ${timeoutMs} ms (got ${results.length}: ${JSON.stringify(results)})`),
            ),
          timeoutMs,
        );
        waiters.push({ n, resolve: (r) => (clearTimeout(timer), resolve(r)) });
      }),
  };
}

/** The close event of a socket that the server is expected to close. */
export function closedWith(url: string, params: Record<string, unknown>): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: params,
      retryAttempts: 0,
      lazy: false,
      on: { closed: (event) => resolve(event as { code: number; reason: string }) },
      onNonLazyError: () => undefined,
    });
    void client;
  });
}

/** Subscriptions go live asynchronously (gateway → subgraph → Redis); give them a moment before acting. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
