import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the OpenAI HTTP API, speaking its real wire protocol, so the AI SDK providers
 * run unchanged in tests (the openai-compatible one, and openai's `.chat()` model) without a key or a
 * network. It answers `POST /v1/chat/completions` (JSON, or server-sent events with `stream: true`)
 * and `POST /v1/embeddings`, does what the test scripted, and records every request it received, so a
 * test can check what would have left the building (redacted PII, the quoted passages, tool results).
 */

/** What one chat completion says. */
export interface StandInReply {
  /** The answer text; "OK" when neither text nor a tool call is scripted. */
  text?: string;
  /** Into how many deltas the text is split when streaming (default: one per word). */
  deltas?: number;
  /**
   * A tool call answered first: this request gets the call (finish_reason "tool_calls"), and the next
   * request, the one carrying the tool's result, gets `text` if given (else the next scripted reply).
   */
  toolCall?: { name: string; input: unknown };
  /** Wait this long before answering (to outlast a timeout). */
  delayMs?: number;
  /** Reported token counts; default: about one token per four characters, in and out. */
  usage?: { inputTokens: number; outputTokens: number };
}

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body as sent: tests read into it freely
  body: any;
}

export interface OpenAiStandIn {
  /** Base URL ending in /v1, as providers take it. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Queues what the next chat completions say, one reply each (a reply with a tool call takes two). */
  script(...replies: StandInReply[]): void;
  /**
   * The next `count` requests, of any kind, fail with `status` and OpenAI's error body (for 401 it
   * echoes the key, as OpenAI does, so a test can check it goes no further). `retry-after-ms` is sent
   * so the SDK's retry waits milliseconds, not its default 2 s.
   */
  failNext(count: number, status?: number, retryAfterMs?: number): void;
  /** Forgets requests, scripted replies and failures. */
  reset(): void;
  stop(): Promise<void>;
}

interface QueuedReply {
  text?: string;
  deltas?: number;
  toolCall?: { name: string; input: unknown };
  delayMs?: number;
  usage?: { inputTokens: number; outputTokens: number };
}

const DEFAULT_EMBEDDING_DIMENSIONS = 24;

export async function startOpenAiStandIn(): Promise<OpenAiStandIn> {
  const requests: RecordedRequest[] = [];
  let replies: QueuedReply[] = [];
  let failures: { status: number; retryAfterMs: number }[] = [];
  let completionIds = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: String(error), type: "server_error" } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const body: unknown = raw ? JSON.parse(raw) : undefined;
    const path = (req.url ?? "/").split("?")[0]!;
    requests.push({ path, headers: req.headers, body });
    const failure = failures.shift();
    if (failure) return sendError(res, failure.status, failure.retryAfterMs, req.headers.authorization);
    if (req.method === "POST" && path === "/v1/chat/completions") {
      const reply = replies.shift() ?? { text: "OK" };
      if (reply.delayMs) await sleepUnlessClosed(res, reply.delayMs);
      if (res.destroyed) return;
      return complete(res, body as ChatBody, reply, `chatcmpl-standin-${++completionIds}`);
    }
    if (req.method === "POST" && path === "/v1/embeddings") return embeddings(res, body as EmbeddingsBody);
    sendJson(res, 404, { error: { message: `No route ${req.method} ${path}`, type: "invalid_request_error" } });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script(...scripted) {
      for (const reply of scripted) {
        if (reply.toolCall && reply.text !== undefined) {
          replies.push({ toolCall: reply.toolCall, delayMs: reply.delayMs });
          replies.push({ text: reply.text, deltas: reply.deltas, usage: reply.usage });
        } else replies.push(reply);
      }
    },
    failNext(count, status = 500, retryAfterMs = 5) {
      for (let i = 0; i < count; i++) failures.push({ status, retryAfterMs });
    },
    reset() {
      requests.length = 0;
      replies = [];
      failures = [];
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

interface ChatBody {
  model: string;
  messages: unknown[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

interface EmbeddingsBody {
  model: string;
  input: string | string[];
  dimensions?: number;
}

function complete(res: ServerResponse, body: ChatBody, reply: QueuedReply, id: string) {
  const created = Math.floor(Date.now() / 1000);
  const text = reply.toolCall ? "" : (reply.text ?? "OK");
  const toolCall = reply.toolCall && {
    id: `call_${id.slice(-6)}`,
    type: "function",
    function: { name: reply.toolCall.name, arguments: JSON.stringify(reply.toolCall.input) },
  };
  const finishReason = toolCall ? "tool_calls" : "stop";
  const usage = reply.usage ?? {
    inputTokens: Math.ceil(JSON.stringify(body.messages).length / 4),
    outputTokens: Math.ceil((text || JSON.stringify(reply.toolCall)).length / 4),
  };
  const openAiUsage = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  const base = { id, created, model: body.model, system_fingerprint: "fp_standin" };

  if (!body.stream) {
    const message = { role: "assistant", content: toolCall ? null : text, ...(toolCall && { tool_calls: [toolCall] }) };
    return sendJson(res, 200, {
      ...base,
      object: "chat.completion",
      choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
      usage: openAiUsage,
    });
  }

  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const chunk = (choices: unknown[], extra: object = {}) =>
    res.write(`data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices, ...extra })}\n\n`);
  chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]);
  if (toolCall) {
    // As OpenAI streams a call: id and name first, then the arguments in pieces.
    const args = toolCall.function.arguments;
    const head = {
      index: 0,
      id: toolCall.id,
      type: "function",
      function: { name: toolCall.function.name, arguments: "" },
    };
    chunk([{ index: 0, delta: { tool_calls: [head] }, finish_reason: null }]);
    for (const piece of split(args, 3)) {
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: piece } }] }, finish_reason: null }]);
    }
  } else {
    for (const piece of splitText(text, reply.deltas)) {
      chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]);
    }
  }
  chunk([{ index: 0, delta: {}, finish_reason: finishReason }]);
  if (body.stream_options?.include_usage) chunk([], { usage: openAiUsage });
  res.end("data: [DONE]\n\n");
}

function embeddings(res: ServerResponse, body: EmbeddingsBody) {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const dimensions = body.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
  sendJson(res, 200, {
    object: "list",
    data: inputs.map((input, index) => ({ object: "embedding", index, embedding: hashedVector(input, dimensions) })),
    model: body.model,
    usage: { prompt_tokens: inputs.join(" ").length, total_tokens: inputs.join(" ").length },
  });
}

/**
 * A deterministic vector for a text: FNV-1a of the text and the index, in [-2, 2]. Deliberately not
 * unit length, as some servers answer, so tests see the embedder normalise.
 */
export function hashedVector(text: string, dimensions: number): number[] {
  const vector: number[] = [];
  for (let i = 0; i < dimensions; i++) {
    let hash = 0x811c9dc5;
    for (const char of `${i}:${text}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
    vector.push(((hash >>> 0) / 0xffffffff) * 4 - 2);
  }
  return vector;
}

/** The text in `count` pieces (as even as words allow), or one piece per word; joined they are the text again. */
function splitText(text: string, count?: number): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [text];
  if (!count || count >= words.length) return words;
  const size = Math.ceil(words.length / count);
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += size) pieces.push(words.slice(i, i + size).join(""));
  return pieces;
}

function split(text: string, count: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / count));
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

function sendError(res: ServerResponse, status: number, retryAfterMs: number, authorization?: string) {
  const error =
    status === 401
      ? {
          message: `Incorrect API key provided: ${authorization?.replace(/^Bearer /, "") ?? ""}.`,
          type: "invalid_request_error",
          code: "invalid_api_key",
        }
      : { message: `The server had an error while processing your request (status ${status}).`, type: "server_error" };
  res.writeHead(status, { "content-type": "application/json", "retry-after-ms": String(retryAfterMs) });
  res.end(JSON.stringify({ error }));
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Waits, but stops waiting when the client hangs up (a timed-out caller), so the server can close at once. */
function sleepUnlessClosed(res: ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.on("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
