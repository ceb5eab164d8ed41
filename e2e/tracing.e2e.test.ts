import { recordSpans, type RecordedSpan } from "@pawgraph/subgraph-kit/src/testing/recorded-spans";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { MyPetsWithOwnersDocument } from "../clients/__generated__/graphql";
import {
  createPet,
  execute,
  jwksUrlOf,
  registerUser,
  startStack,
  startTestGateway,
  subgraphUrls,
  type Stack,
} from "./harness";
import type { RunningGateway } from "@pawgraph/gateway";

/** A stand-in in front of a subgraph that notes the headers of each request and passes it on. */
async function recordingProxy(target: () => string) {
  const seen: IncomingHttpHeaders[] = [];
  const proxy = { seen, failNext: false };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // GraphQL requests; the gateway's readiness checks pass by unnoted.
    const post = req.method === "POST";
    if (post) seen.push(req.headers);
    if (post && proxy.failNext) {
      proxy.failNext = false;
      return res.writeHead(503).end();
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !["host", "connection", "content-length"].includes(name)),
    ) as Record<string, string>;
    const url = new URL(req.url!, target());
    const answer = await fetch(url, { method: req.method, headers, body: post ? Buffer.concat(chunks) : undefined });
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A client's own `traceparent`: a trace and span id of its own choosing. */
function clientTraceparent() {
  const traceId = randomBytes(16).toString("hex");
  const spanId = randomBytes(8).toString("hex");
  return { traceId, spanId, header: `00-${traceId}-${spanId}-01` };
}

describe("tracing (OpenTelemetry, docs/decisions/0051)", () => {
  // On before the stack starts: the subgraphs' database pools hook their queries as they open.
  const recorder = recordSpans();
  let stack: Stack;
  let owner: Awaited<ReturnType<typeof registerUser>>;
  let petsProxy: Awaited<ReturnType<typeof recordingProxy>>;
  let trusting: RunningGateway;
  beforeAll(async () => {
    stack = await startStack();
    owner = await registerUser(stack);
    await createPet(stack, owner.token, { name: "Biscuit" });
    petsProxy = await recordingProxy(() => stack.pets.url);
    // A gateway whose operator trusts clients' traceparent, calling pets through the recording proxy.
    process.env.TRACING_ACCEPT_TRACEPARENT = "true";
    try {
      trusting = await startTestGateway({ ...subgraphUrls(stack), pets: petsProxy.url }, jwksUrlOf(stack));
    } finally {
      delete process.env.TRACING_ACCEPT_TRACEPARENT;
    }
  });
  afterAll(async () => {
    await trusting?.stop();
    await petsProxy?.close();
    await stack?.stop();
    await recorder.stop().catch(() => undefined);
  });

  /** Sends MyPetsWithOwners (pets, then identity for the owners) and returns the trace it made. */
  async function traceOf(gateway: RunningGateway, headers: Record<string, string> = {}) {
    await recorder.reset();
    const result = await execute(gateway.url, MyPetsWithOwnersDocument, { first: 5 }, owner.token, headers);
    expect(result.errors).toBeUndefined();
    const spans = await recorder.spans();
    const roots = spans.filter((span) => span.name === "query MyPetsWithOwners");
    expect(roots).toHaveLength(1);
    const root = roots[0]!;
    return { root, trace: spans.filter((span) => span.traceId === root.traceId) };
  }

  const childrenOf = (trace: RecordedSpan[], parent: RecordedSpan) =>
    trace.filter((span) => span.parentSpanId === parent.spanId);
  const ancestorsOf = (trace: RecordedSpan[], span: RecordedSpan): RecordedSpan[] => {
    const parent = trace.find((candidate) => candidate.spanId === span.parentSpanId);
    return parent ? [parent, ...ancestorsOf(trace, parent)] : [];
  };

  it("makes one trace per operation: the gateway's span, a span per subgraph fetch, the subgraphs' requests and their SQL", async () => {
    const { root, trace } = await traceOf(stack.gateway);
    expect(root).toMatchObject({
      kind: "SERVER",
      parentSpanId: undefined,
      attributes: { "graphql.operation.type": "query", "graphql.operation.name": "MyPetsWithOwners" },
    });
    // One tree: every span of the trace hangs from the gateway's.
    for (const span of trace) if (span !== root) expect(ancestorsOf(trace, span).at(-1)).toBe(root);
    // @apollo/gateway's own spans nest under ours.
    expect(trace.map((span) => span.name)).toEqual(
      expect.arrayContaining(["gateway.request", "gateway.plan", "gateway.execute", "gateway.fetch"]),
    );

    const fetches = trace.filter((span) => span.name.startsWith("subgraph "));
    expect(fetches.map((span) => span.name).sort()).toEqual(["subgraph identity", "subgraph pets"]);
    for (const fetch of fetches) {
      const subgraph = fetch.attributes["pawgraph.subgraph"] as string;
      expect(fetch.kind).toBe("CLIENT");
      expect(ancestorsOf(trace, fetch)[0]!.name).toBe("gateway.fetch");
      // The subgraph continued the trace from the traceparent it was sent.
      const served = childrenOf(trace, fetch);
      expect(served).toEqual([
        expect.objectContaining({
          kind: "SERVER",
          name: expect.stringMatching(`^query MyPetsWithOwners__${subgraph}__\\d+$`),
        }),
      ]);
    }

    const petsServed = childrenOf(
      trace,
      fetches.find((span) => span.name === "subgraph pets")!,
    )[0]!;
    const statements = trace.filter((span) => span.attributes["db.system"] === "postgresql");
    expect(statements.filter((span) => ancestorsOf(trace, span).includes(petsServed)).length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(statement).toMatchObject({ kind: "CLIENT", name: statement.attributes["db.operation"] });
      // Statements only, never their parameters: the viewer's id is one.
      expect(statement.attributes["db.statement"]).not.toContain(owner.user.id);
    }
  });

  it("starts its own trace for a client's traceparent, linked to the client's", async () => {
    const client = clientTraceparent();
    const { root, trace } = await traceOf(stack.gateway, { traceparent: client.header });
    expect(root.traceId).not.toBe(client.traceId);
    expect(root.parentSpanId).toBeUndefined();
    expect(root.links).toEqual([client.traceId]);
    expect(trace.filter((span) => span.name.startsWith("subgraph "))).toHaveLength(2);
  });

  it("continues a client's trace when the operator trusts it (TRACING_ACCEPT_TRACEPARENT), and sends subgraphs its own span as parent", async () => {
    const client = clientTraceparent();
    petsProxy.seen.length = 0;
    const { root, trace } = await traceOf(trusting, { traceparent: client.header });
    expect(root).toMatchObject({ traceId: client.traceId, parentSpanId: client.spanId, links: [] });
    const petsFetch = trace.find((span) => span.name === "subgraph pets")!;
    expect(petsProxy.seen.map((headers) => headers.traceparent)).toEqual([
      `00-${client.traceId}-${petsFetch.spanId}-01`,
    ]);
  });

  it("marks a subgraph fetch that got no answer failed", async () => {
    await recorder.reset();
    petsProxy.failNext = true;
    const result = await execute(trusting.url, MyPetsWithOwnersDocument, { first: 5 }, owner.token);
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(["SUBGRAPH_UNAVAILABLE"]);
    const spans = await recorder.spans();
    expect(spans.filter((span) => span.name.startsWith("subgraph "))).toEqual([
      expect.objectContaining({ name: "subgraph pets", status: "ERROR" }),
    ]);
  });

  it("off, sends no traceparent to subgraphs, even a client's", async () => {
    await recorder.stop();
    petsProxy.seen.length = 0;
    const result = await execute(trusting.url, MyPetsWithOwnersDocument, { first: 5 }, owner.token, {
      traceparent: clientTraceparent().header,
    });
    expect(result.data?.myPets?.edges.map((edge) => edge.node.name)).toEqual(["Biscuit"]);
    expect(petsProxy.seen).toHaveLength(1);
    expect(petsProxy.seen[0]!.traceparent).toBeUndefined();
    expect(petsProxy.seen[0]!.tracestate).toBeUndefined();
  });
});
