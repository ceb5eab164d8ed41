import { CART_TOKEN_HEADER } from "@pawgraph/subgraph-kit/src/edge";

type Fetcher = (url: string, init: FetchInit) => Promise<FetcherResponse>;

/** The little of a fetch `Response` Apollo's RemoteGraphQLDataSource reads. */
export interface FetcherResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  text(): Promise<string>;
}

interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** An answer read in full, so that every fetch sharing it parses its own copy. */
interface SharedAnswer {
  response: FetcherResponse;
  text: string;
}

const CART_TOKEN = CART_TOKEN_HEADER.toLowerCase();
// RemoteGraphQLDataSource sends `JSON.stringify({ query, variables, operationName })` and the query
// planner writes `query ...` or `{ ... }` for a query's fetches, `mutation ...` for a mutation's. Only
// what is positively a query is shared: were that body to change shape, fetches would stop being
// shared (the e2e test would say so), never start sharing mutations.
const QUERY_BODY = /^\{"query":"(query[\s({]|\{)/;

/**
 * Makes identical subgraph fetches that are in flight at the same time one fetch (docs/decisions/0053),
 * only where the answer cannot depend on who asks: a query sent with no token and no cart token. What
 * an anonymous viewer may see is the same for every anonymous viewer, and the key is the whole body
 * (query and variables), so two fetches share an answer only when a subgraph would have given both the
 * same one. Nothing is kept once the answer is in: this is not a cache, and a later identical fetch goes
 * to the subgraph again. Each caller parses the shared text itself, because Apollo Gateway merges
 * fetched objects into its result tree in place: a shared object would carry one request's merges into
 * another's.
 */
export function shareIdenticalFetches(fetcher: Fetcher): Fetcher & { readonly joined: () => number } {
  const inFlight = new Map<string, Promise<SharedAnswer>>();
  let joined = 0;
  const shared = (url: string, init: FetchInit): Promise<FetcherResponse> => {
    const headers = init.headers ?? {};
    if (headers.authorization || headers[CART_TOKEN] || !init.body || !QUERY_BODY.test(init.body))
      return fetcher(url, init);
    const key = `${url}\n${init.body}`;
    let answer = inFlight.get(key);
    if (answer) joined++;
    else {
      answer = fetcher(url, init).then(async (response) => ({ response, text: await response.text() }));
      inFlight.set(key, answer);
      const forget = () => inFlight.delete(key);
      answer.then(forget, forget);
    }
    return answer.then(ownCopy);
  };
  return Object.assign(shared, { joined: () => joined });
}

function ownCopy({ response, text }: SharedAnswer): FetcherResponse {
  return {
    ok: response.ok,
    status: response.status,
    statusText: response.statusText,
    url: response.url,
    headers: response.headers,
    // As the unshared answer's body.json() would: a SyntaxError for a body that is not JSON.
    json: async () => JSON.parse(text) as unknown,
    text: async () => text,
  };
}
