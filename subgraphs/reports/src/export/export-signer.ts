import { createHmac, timingSafeEqual } from "node:crypto";

/** What an export link asks for: every field is covered by its signature. */
export interface ExportRequest {
  kind: string;
  /** The clinic or vendor the report is about; empty for the platform's. */
  subjectId: string;
  from: string;
  to: string;
  grouping: string;
  timeZone: string;
  /** When the link stops working, in milliseconds since the epoch. */
  expiresAt: number;
}

const FIELDS = ["kind", "subjectId", "from", "to", "grouping", "timeZone", "expiresAt"] as const;
/** Query parameter names, short and stable: they are part of every link handed out. */
const PARAMS: Record<(typeof FIELDS)[number], string> = {
  kind: "kind",
  subjectId: "id",
  from: "from",
  to: "to",
  grouping: "grouping",
  timeZone: "tz",
  expiresAt: "expires",
};

/** Why a link is refused; the HTTP answer is 403 either way, the reason goes to the log. */
export type ExportRefusal = "missing" | "tampered" | "expired";

/**
 * Signs export links and checks them: an HMAC-SHA256 over a versioned, unambiguous encoding of the
 * request and its expiry (JSON of the fields in a fixed order), compared in constant time. A link
 * is a bearer capability for its one report until it expires; it names no user.
 */
export class ExportSigner {
  constructor(private readonly secret: string) {
    if (secret.length < 16) throw new Error("The report export secret must be at least 16 characters");
  }

  private mac(request: ExportRequest): Buffer {
    const canonical = JSON.stringify(["reports-export.v1", ...FIELDS.map((field) => String(request[field]))]);
    return createHmac("sha256", this.secret).update(canonical, "utf8").digest();
  }

  /** The link's query string (without `?`). */
  sign(request: ExportRequest): string {
    const query = new URLSearchParams();
    for (const field of FIELDS) query.set(PARAMS[field], String(request[field]));
    query.set("sig", this.mac(request).toString("base64url"));
    return query.toString();
  }

  /** The request a link's query carries, if its signature holds and it has not expired at `now`. */
  verify(query: URLSearchParams, now: number): ExportRequest | ExportRefusal {
    const values = FIELDS.map((field) => query.get(PARAMS[field]));
    const signature = query.get("sig");
    if (values.some((value) => value === null) || !signature) return "missing";
    const [kind, subjectId, from, to, grouping, timeZone, expires] = values as string[];
    const expiresAt = Number(expires);
    if (!/^\d{1,15}$/.test(expires!)) return "tampered";
    const request: ExportRequest = {
      kind: kind!,
      subjectId: subjectId!,
      from: from!,
      to: to!,
      grouping: grouping!,
      timeZone: timeZone!,
      expiresAt,
    };
    const given = Buffer.from(signature, "base64url");
    const expected = this.mac(request);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "tampered";
    if (expiresAt <= now) return "expired";
    return request;
  }
}
