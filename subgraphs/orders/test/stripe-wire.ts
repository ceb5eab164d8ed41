import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

// Stripe's wire format as the stand-ins speak it (stripe-stand-in.ts, stripe-connect-stand-in.ts):
// form-encoded bodies, object ids, Unix times and Stripe's error JSON.

export type Json = Record<string, unknown>;

/** One answer: an HTTP status and a JSON body. */
export interface Reply {
  status: number;
  body: Json;
}

/** An error Stripe answers with: its status and the `error` object (type, code, param, message). */
export class StripeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: Json,
  ) {
    super(String(error.message));
  }
}

export const id = (prefix: string): string => `${prefix}_${randomBytes(12).toString("hex")}`;
export const now = (): number => Math.floor(Date.now() / 1000);
export const ok = (body: Json): Reply => ({ status: 200, body });

export function errorReply(status: number, error: Json): Reply {
  return { status, body: { error: { ...error, request_log_url: null } } };
}

export const notFound = (path: string): StripeHttpError =>
  new StripeHttpError(404, { type: "invalid_request_error", message: `Unrecognized request URL (${path}).` });

export const invalid = (param: string, message: string, code = "parameter_invalid"): StripeHttpError =>
  new StripeHttpError(400, { type: "invalid_request_error", code, param, message });

/** The object, or Stripe's `resource_missing` 404 for it. */
export function existing<T>(objects: Map<string, T>, objectId: string, kind: string): T {
  const found = objects.get(objectId);
  if (found === undefined)
    throw new StripeHttpError(404, {
      type: "invalid_request_error",
      code: "resource_missing",
      param: "id",
      message: `No such ${kind}: '${objectId}'`,
    });
  return found;
}

export function positiveInteger(value: unknown, param: string): number {
  const number = typeof value === "string" && /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number <= 0)
    throw invalid(param, "This value must be greater than or equal to 1.");
  return number;
}

export function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

export function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === "string" ? value : null;
}

/**
 * Stripe's form encoding: `metadata[orderId]=x&automatic_payment_methods[enabled]=true`. Objects
 * nest by brackets; every leaf stays a string, as Stripe receives it.
 */
export function parseForm(text: string): Json {
  const result: Json = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.split(/\[|\]\[|\]$/).filter((part) => part !== "");
    let target = result;
    path.forEach((part, index) => {
      if (index === path.length - 1) target[part] = value;
      else target = (target[part] ??= {}) as Json;
    });
  }
  return result;
}
