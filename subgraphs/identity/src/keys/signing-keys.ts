import { exportJWK, generateKeyPair, importJWK, importPKCS8, SignJWT, type CryptoKey, type JWK } from "jose";
import { createPublicKey, randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import {
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  type ClinicMembershipClaim,
  type RoleName,
  type VendorMembershipClaim,
} from "@pawgraph/subgraph-kit";

const ALG = "EdDSA";

/** The key identity signs access tokens with, and the public JWKS others verify them with. */
export class SigningKeys {
  private constructor(
    private readonly privateKey: CryptoKey,
    readonly kid: string,
    readonly publicJwk: JWK,
  ) {}

  /** From `JWT_PRIVATE_KEY` (PKCS#8 PEM, Ed25519) and `JWT_KEY_ID`. */
  static async fromPem(pem: string, kid: string): Promise<SigningKeys> {
    const privateKey = await importPKCS8(pem, ALG, { extractable: true });
    const publicJwk = createPublicKey(pem).export({ format: "jwk" }) as JWK;
    return new SigningKeys(privateKey, kid, { ...publicJwk, kid, alg: ALG, use: "sig" });
  }

  /**
   * Development keys: generated once and kept in `file`, so tokens survive restarts and every
   * local process shares them. Concurrent first starts race safely: the first writer wins.
   */
  static async fromDevelopmentFile(file: string): Promise<SigningKeys> {
    const stored = await readKeyFile(file);
    if (stored) return SigningKeys.fromJwk(stored);
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID() };
    await mkdir(dirname(file), { recursive: true });
    try {
      await writeFile(file, JSON.stringify(jwk), { flag: "wx", mode: 0o600 });
      return SigningKeys.fromJwk(jwk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const winner = await readKeyFile(file);
      if (!winner) throw error;
      return SigningKeys.fromJwk(winner);
    }
  }

  private static async fromJwk(jwk: JWK): Promise<SigningKeys> {
    const privateKey = (await importJWK(jwk, ALG)) as CryptoKey;
    const { d: _private, ...publicJwk } = jwk;
    return new SigningKeys(privateKey, jwk.kid ?? "dev", { ...publicJwk, alg: ALG, use: "sig" });
  }

  get jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  async signAccessToken(
    claims: {
      userId: string;
      email: string;
      emailVerified: boolean;
      roles: RoleName[];
      clinics: ClinicMembershipClaim[];
      vendors: VendorMembershipClaim[];
      sessionId: string;
      sessionVersion: number;
      /** Roles held but left out of `roles` and the memberships until two-factor sign-in is on (docs/decisions/0045). */
      mfaWithheldRoles?: RoleName[];
      /** Only for a token minted for an API key: what it may do (the `scp` claim, docs/decisions/0046). */
      scopes?: string[];
    },
    ttlSeconds: number,
  ): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      email: claims.email,
      email_verified: claims.emailVerified,
      roles: claims.roles,
      clinics: claims.clinics,
      vendors: claims.vendors,
      sid: claims.sessionId,
      ver: claims.sessionVersion,
      ...(claims.mfaWithheldRoles?.length ? { mfa_withheld: claims.mfaWithheldRoles } : {}),
      ...(claims.scopes ? { scp: claims.scopes } : {}),
    })
      .setProtectedHeader({ alg: ALG, kid: this.kid, typ: "at+jwt" })
      .setSubject(claims.userId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .setJti(randomUUID())
      .sign(this.privateKey);
    return { token, expiresAt: new Date((now + ttlSeconds) * 1000) };
  }
}

async function readKeyFile(file: string): Promise<JWK | null> {
  try {
    const text = await readFile(file, "utf8");
    return text ? (JSON.parse(text) as JWK) : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
