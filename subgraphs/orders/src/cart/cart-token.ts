import { createHash, randomBytes } from "node:crypto";

/** A new guest cart token: 32 random bytes, URL-safe. Only its hash is stored. */
export function newCartToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashCartToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
