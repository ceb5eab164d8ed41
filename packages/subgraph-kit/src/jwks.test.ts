import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AccessTokenVerifier, TOKEN_AUDIENCE, TOKEN_ISSUER } from "./auth";
import { UnauthenticatedError } from "./errors";
import { resilientRemoteJwks } from "./jwks";

/** A stand-in for identity's JWKS endpoint that can answer, fail with 500, or be gone. */
async function jwksServer(jwk: JWK) {
  let mode: "ok" | "error" = "ok";
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    if (mode === "error") res.writeHead(500).end("down");
    else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`);
  return {
    url,
    hits: () => hits,
    fail: () => void (mode = "error"),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("access-token keys while identity is unreachable", () => {
  let privateKey: CryptoKey;
  let publicJwk: JWK;
  beforeAll(async () => {
    const pair = await generateKeyPair("EdDSA", { extractable: true });
    privateKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "EdDSA", use: "sig" };
  });

  const sign = (kid = "k1", subject = "user-1") =>
    new SignJWT({ email: "a@example.test", roles: ["OWNER"], clinics: [] })
      .setProtectedHeader({ alg: "EdDSA", kid })
      .setSubject(subject)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);

  it("answers UNAUTHENTICATED, not an unexpected error, when the keys were never fetched", async () => {
    // Nothing listens on port 9 (discard): connection refused, which undici reports as a TypeError.
    const verifier = new AccessTokenVerifier(resilientRemoteJwks(new URL("http://127.0.0.1:9/.well-known/jwks.json")));
    await expect(verifier.verify(await sign())).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("keeps verifying with the last keys fetched once they are stale and identity is gone", async () => {
    const identity = await jwksServer(publicJwk);
    const verifier = new AccessTokenVerifier(resilientRemoteJwks(identity.url, { cacheMaxAgeMs: 1 }));
    expect((await verifier.verify(await sign("k1", "first"))).userId).toBe("first");
    await identity.stop();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await verifier.verify(await sign("k1", "second"))).userId).toBe("second");
    // A key it never saw still fails, as a bad token.
    await expect(verifier.verify(await sign("unknown-kid", "third"))).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("does not ask a failing identity on every request: it backs off between tries", async () => {
    const identity = await jwksServer(publicJwk);
    try {
      const verifier = new AccessTokenVerifier(
        resilientRemoteJwks(identity.url, { cacheMaxAgeMs: 1, backoffMs: 60_000 }),
      );
      await verifier.verify(await sign("k1", "warm"));
      identity.fail();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const before = identity.hits();
      for (let i = 0; i < 5; i++)
        expect((await verifier.verify(await sign("k1", `user-${i}`))).userId).toBe(`user-${i}`);
      expect(identity.hits() - before).toBe(1);
    } finally {
      await identity.stop();
    }
  });
});
