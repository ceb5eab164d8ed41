import { randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";

/** What authenticator apps show next to the codes. */
export const TOTP_ISSUER = "Pawgraph";

/** One 30-second step either side of now: clocks drift and people type slowly (RFC 6238 §5.2). */
const EPOCH_TOLERANCE_SECONDS = 30;

const RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

import { sha256Hex } from "../token-hash";

/** A new 160-bit secret in base32, the length RFC 4226 recommends. */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The `otpauth://` URI authenticator apps read from a QR code. */
export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

/**
 * The time step of `code` when it is a current code for `secret` from a step after `afterStep`, or null.
 * Refusing steps up to the last accepted one makes each code single use: an observed code cannot be
 * replayed, even within its 30 seconds.
 */
export async function acceptedStep(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epochTolerance: EPOCH_TOLERANCE_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  // The functional API's result type is shared with HOTP; a TOTP result carries the step it matched.
  return result.valid && "timeStep" in result && typeof result.timeStep === "number" ? result.timeStep : null;
}

/**
 * Ten recovery codes of 16 characters from a 32-letter alphabet without look-alikes (80 bits each), shown
 * as XXXX-XXXX-XXXX-XXXX. So much entropy needs no slow hash: SHA-256 of the normalised code is stored.
 */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(16);
    const chars = Array.from(bytes, (b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

/** Case, spaces and dashes do not matter when a recovery code is typed. */
export function recoveryCodeHash(code: string): string {
  return sha256Hex(code.toUpperCase().replace(/[\s-]/g, ""));
}

/** A challenge handed back by `login`: 32 random bytes; only its hash is stored. */
export function newChallenge(): { challenge: string; hash: string } {
  const challenge = randomBytes(32).toString("base64url");
  return { challenge, hash: sha256Hex(challenge) };
}
