import { createHash } from "node:crypto";

/**
 * How identity stores a secret it must recognise but never show again (refresh and API keys, email,
 * reset, sign-in and recovery tokens): SHA-256, hex. Enough for high-entropy random values; passwords
 * use argon2 instead.
 */
export const sha256Hex = (value: string): string => createHash("sha256").update(value).digest("hex");
