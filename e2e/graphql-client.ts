import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type GraphQLFormattedError } from "graphql";

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: GraphQLFormattedError[];
}

/** Reads until `ok` holds or `timeoutMs` passes, then returns the last value (for what events update). */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends one typed operation to a GraphQL endpoint over HTTP, as a client app would. */
export async function execute<TResult, TVariables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables?: TVariables,
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TResult>> {
  return post<TResult>(url, { query: print(document), variables }, token, headers);
}

/** Sends a raw body: for malformed documents and other things typed clients cannot produce. */
export async function post<TResult = Record<string, unknown>>(
  url: string,
  body: unknown,
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TResult>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: TResult | null; errors?: GraphQLFormattedError[] };
  return { status: response.status, ...json };
}
