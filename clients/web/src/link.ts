import { ApolloClient, ApolloLink, HttpLink, Observable, split, type FetchResult } from "@apollo/client";
import { onError } from "@apollo/client/link/error";
import { createPersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import type { DocumentNode } from "graphql";
import { createClient } from "graphql-ws";
import { CartDocument, RefreshSessionDocument } from "../../__generated__/web/graphql";
import { createCache } from "./cache";
import { cartTokenAfter, currentCartToken, saveCartToken } from "./guest";
import { currentSession, onSessionChange, saveSession, type Session } from "./session";

/** Where the API is: the same origin's /graphql unless VITE_GRAPHQL_URL says otherwise. */
const HTTP_URL = new URL(import.meta.env.VITE_GRAPHQL_URL ?? "/graphql", window.location.href).toString();
const WS_URL = HTTP_URL.replace(/^http/, "ws");

/** The id codegen gave a document (`sha256:<hex>`, its key in persisted-documents.json). */
function documentHash(document: DocumentNode): string {
  const hash = (document as DocumentNode & { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error("not a generated document: no __meta__.hash");
  return hash.replace(/^sha256:/, "");
}

let refreshing: Promise<Session | null> | undefined;

/**
 * Trades the refresh token for a new session (each refresh token works once, so concurrent callers
 * share one trade). Sent as plain fetch so it never passes through the link that called it.
 */
export function refreshSession(): Promise<Session | null> {
  refreshing ??= (async () => {
    const session = currentSession();
    if (!session) return null;
    const response = await fetch(HTTP_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        documentId: `sha256:${documentHash(RefreshSessionDocument)}`,
        variables: { input: { refreshToken: session.refreshToken } },
      }),
    });
    const body = (await response.json()) as {
      data?: { refreshSession: { accessToken: string; refreshToken: string; user: Session["user"] } };
    };
    const next = body.data?.refreshSession;
    const renewed = next ? { accessToken: next.accessToken, refreshToken: next.refreshToken, user: next.user } : null;
    saveSession(renewed);
    return renewed;
  })().finally(() => (refreshing = undefined));
  return refreshing;
}

const authHeader = new ApolloLink((operation, forward) => {
  const token = currentSession()?.accessToken;
  operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
    headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
  }));
  return forward(operation);
});

/** Sends the guest cart token as `X-Cart-Token` while kept, and keeps or forgets it by the answer (guest.ts). */
const cartToken = new ApolloLink((operation, forward) => {
  const sent = currentCartToken();
  const headers = (operation.getContext().headers ?? {}) as Record<string, string>;
  if (sent) operation.setContext({ headers: { ...headers, "x-cart-token": sent } });
  const signedIn = Boolean(headers.authorization);
  return forward(operation).map((result) => {
    // Kept before Apollo sees the answer, so the cart refetched after a guest's first addToCart sends it.
    const next = cartTokenAfter({ sent, signedIn, data: result.data, errors: result.errors });
    if (next !== undefined && (next !== null || currentCartToken() === sent)) saveCartToken(next);
    return result;
  });
});

/** On UNAUTHENTICATED with a session, refresh once and send the operation again; a failed refresh signs out. */
const refreshOnUnauthenticated = onError(({ graphQLErrors, networkError, operation, forward }) => {
  // An expired or revoked token is refused before the operation runs: HTTP 401, the error in the body.
  const refused = networkError as { statusCode?: number; result?: { errors?: typeof graphQLErrors } } | null;
  const errors = [...(graphQLErrors ?? []), ...(refused?.result?.errors ?? [])];
  const unauthenticated =
    refused?.statusCode === 401 || errors.some((error) => error.extensions?.code === "UNAUTHENTICATED");
  if (!unauthenticated || !currentSession() || operation.getContext().retried) return;
  return new Observable<FetchResult>((observer) => {
    refreshSession()
      .then((session) => {
        if (!session) throw new Error("Your session has ended: sign in again.");
        operation.setContext({ retried: true });
        forward(operation).subscribe(observer);
      })
      .catch((error: unknown) => observer.error(error));
  });
});

/** Documents go by id (the gateway's trusted documents, docs/decisions/0017); an unknown id falls back to the text. */
const persisted = createPersistedQueryLink({ generateHash: documentHash, useGETForHashedQueries: false });

const wsClient = createClient({
  url: WS_URL,
  lazy: true,
  // Read at each (re)connection, so a refreshed token is used.
  connectionParams: () => {
    const token = currentSession()?.accessToken;
    return token ? { authorization: `Bearer ${token}` } : {};
  },
});
const ws = new GraphQLWsLink(wsClient);

/**
 * Closes the WebSocket so the next subscription connects with the current token. The gateway checks
 * the token once per socket: a refused one closes it (4401, which graphql-ws does not retry) and an
 * expired one ends its subscriptions and refuses new ones on that socket.
 */
export function restartSubscriptions(): void {
  wsClient.terminate();
}

const isSubscription = ({ query }: { query: DocumentNode }) => {
  const definition = getMainDefinition(query);
  return definition.kind === "OperationDefinition" && definition.operation === "subscription";
};

export function createApolloClient(): ApolloClient<unknown> {
  const client = new ApolloClient({
    cache: createCache(),
    link: ApolloLink.from([
      refreshOnUnauthenticated,
      authHeader,
      cartToken,
      // In front of both: subscriptions carry the id in `extensions.persistedQuery` too.
      persisted,
      split(isSubscription, ws, new HttpLink({ uri: HTTP_URL })),
    ]),
  });
  // Signed in with a guest cart: ask for the cart at once, so the API merges it into the account's (and
  // the link forgets the token) whichever page comes next, and signing out finds no guest cart to bring back.
  onSessionChange((session) => {
    if (session && currentCartToken())
      void client.query({ query: CartDocument, fetchPolicy: "network-only" }).catch(() => undefined);
  });
  return client;
}
