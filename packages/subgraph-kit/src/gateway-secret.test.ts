import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  developmentSecret,
  gatewaySecretFromEnv,
  isGatewaySecret,
  productionSecretFromEnv,
  weakSecretReason,
} from "./gateway-secret";

describe("gateway secret", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("generates one development secret, kept private, and every later caller reads the same", () => {
    const file = join(mkdtempSync(join(tmpdir(), "gw-secret-")), "keys", "gateway-secret");
    const first = developmentSecret(file);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(developmentSecret(file)).toBe(first);
    expect(readFileSync(file, "utf8")).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it("requires the secret of every call by default", () => {
    process.env.NODE_ENV = "test";
    delete process.env.REQUIRE_GATEWAY_SECRET;
    process.env.GATEWAY_SECRET = "configured";
    expect(gatewaySecretFromEnv()).toEqual({ secret: "configured", required: true });
  });

  it.each([
    [undefined, /required in production/],
    ["change-me", /well-known/],
    ["0123456789abcdef", /shorter than 32/],
    ["a".repeat(40), /repeats too few/],
  ])("refuses %p in production", (secret, reason) => {
    process.env.NODE_ENV = "production";
    if (secret === undefined) delete process.env.GATEWAY_SECRET;
    else process.env.GATEWAY_SECRET = secret;
    expect(() => gatewaySecretFromEnv()).toThrow(reason);
  });

  it("cannot be made optional in production", () => {
    process.env.NODE_ENV = "production";
    process.env.GATEWAY_SECRET = "3f1c9a7e5b2d8046a1c3e5f7092b4d6f";
    process.env.REQUIRE_GATEWAY_SECRET = "false";
    expect(() => gatewaySecretFromEnv()).toThrow(/cannot be turned off/);
    process.env.REQUIRE_GATEWAY_SECRET = "true";
    expect(gatewaySecretFromEnv().required).toBe(true);
  });

  it("asks production, and only production, for other secrets, refusing weak ones (CALENDAR_FEED_SECRET)", () => {
    delete process.env.CALENDAR_FEED_SECRET;
    process.env.NODE_ENV = "development";
    expect(productionSecretFromEnv("CALENDAR_FEED_SECRET", "it signs feeds")).toBeUndefined();
    process.env.NODE_ENV = "production";
    expect(() => productionSecretFromEnv("CALENDAR_FEED_SECRET", "it signs feeds")).toThrow(
      "CALENDAR_FEED_SECRET is required in production: it signs feeds",
    );
    process.env.CALENDAR_FEED_SECRET = "change-me";
    expect(() => productionSecretFromEnv("CALENDAR_FEED_SECRET", "it signs feeds")).toThrow(/refused in production/);
    process.env.CALENDAR_FEED_SECRET = "3f1c9a7e5b2d8046a1c3e5f7092b4d6f";
    expect(productionSecretFromEnv("CALENDAR_FEED_SECRET", "it signs feeds")).toBe("3f1c9a7e5b2d8046a1c3e5f7092b4d6f");
  });

  it("accepts a random 32-byte hex secret", () => {
    expect(weakSecretReason("9b1f0e6c2a4d8e7f3c5b1a0d9e8f7c6b5a4d3e2f1c0b9a8d7e6f5c4b3a2d1e0f")).toBeUndefined();
  });

  it("compares presented values exactly", () => {
    expect(isGatewaySecret("abc", "abc")).toBe(true);
    expect(isGatewaySecret("abd", "abc")).toBe(false);
    expect(isGatewaySecret("abcd", "abc")).toBe(false);
    expect(isGatewaySecret(undefined, "abc")).toBe(false);
    expect(isGatewaySecret(["abc"], "abc")).toBe(false);
  });
});
