import { createLogger } from "@pawgraph/subgraph-kit";
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:net";
import { SIGN_IN_LIMIT_DEFAULTS, SignInLimiter, ipKey, type SignInLimitSettings } from "./sign-in-limiter";

const log = createLogger("sign-in-limiter-test");
const settings = (): SignInLimitSettings => ({
  ...SIGN_IN_LIMIT_DEFAULTS,
  loginPerAccountIp: { points: 3, windowSeconds: 60 },
  loginPerIp: { points: 5, windowSeconds: 600 },
  keyPrefix: `test:${randomUUID()}`,
});

async function outcome(attempt: Promise<void>): Promise<string> {
  try {
    await attempt;
    return "ok";
  } catch (error) {
    const { code, details } = error as { code?: string; details?: { retryAfterSeconds?: number } };
    return `${code}:${details?.retryAfterSeconds}`;
  }
}

describe("ipKey", () => {
  it.each([
    [undefined, "unknown"],
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::9", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
  ])("keys %p as %p", (ip, key) => {
    expect(ipKey(ip)).toBe(key);
  });
});

describe("SignInLimiter (in memory)", () => {
  let limiter: SignInLimiter;
  beforeEach(async () => {
    limiter = await SignInLimiter.create(settings(), undefined, log);
  });

  it("refuses an (email, address) past its budget, with the wait, and not the same email from elsewhere", async () => {
    for (let i = 0; i < 3; i++) expect(await outcome(limiter.takeLogin("192.0.2.1", "anna@example.test"))).toBe("ok");
    expect(await outcome(limiter.takeLogin("192.0.2.1", "anna@example.test"))).toBe("RATE_LIMITED:60");
    expect(await outcome(limiter.takeLogin("192.0.2.2", "anna@example.test"))).toBe("ok");
  });

  it("forgets an (email, address)'s failures after a success", async () => {
    for (let i = 0; i < 3; i++) await limiter.takeLogin("192.0.2.1", "anna@example.test");
    await limiter.loginSucceeded("192.0.2.1", "anna@example.test");
    expect(await outcome(limiter.takeLogin("192.0.2.1", "anna@example.test"))).toBe("ok");
  });

  it("counts an address's failures across emails; a refusal does not use up the other budget", async () => {
    for (let i = 0; i < 5; i++) await limiter.takeLogin("192.0.2.1", `user${i}@example.test`);
    expect(await outcome(limiter.takeLogin("192.0.2.1", "anna@example.test"))).toBe("RATE_LIMITED:600");
    expect(await outcome(limiter.takeLogin("192.0.2.9", "anna@example.test"))).toBe("ok");
    // anna's (email, address) budget was given back when the address budget refused.
    for (let i = 0; i < 2; i++) expect(await outcome(limiter.takeLogin("192.0.2.9", "anna@example.test"))).toBe("ok");
  });

  it("limits password reset requests per email from anywhere, and per address across emails", async () => {
    const resets = await SignInLimiter.create(
      {
        ...settings(),
        passwordResetPerEmail: { points: 2, windowSeconds: 3600 },
        passwordResetPerIp: { points: 3, windowSeconds: 600 },
      },
      undefined,
      log,
    );
    expect(await outcome(resets.takePasswordReset("192.0.2.1", "anna@example.test"))).toBe("ok");
    expect(await outcome(resets.takePasswordReset("192.0.2.2", "anna@example.test"))).toBe("ok");
    expect(await outcome(resets.takePasswordReset("192.0.2.3", "anna@example.test"))).toBe("RATE_LIMITED:3600");
    // 192.0.2.3's refused request did not count against it: three other emails, then its own budget is spent.
    for (const name of ["ben", "carla", "dora"])
      expect(await outcome(resets.takePasswordReset("192.0.2.3", `${name}@example.test`))).toBe("ok");
    expect(await outcome(resets.takePasswordReset("192.0.2.3", "erik@example.test"))).toBe("RATE_LIMITED:600");
    // Sign-in budgets are separate.
    expect(await outcome(resets.takeLogin("192.0.2.3", "erik@example.test"))).toBe("ok");
  });

  it("keys every address of one IPv6 /64 together", async () => {
    for (let i = 1; i <= 3; i++) await limiter.takeLogin(`2001:db8:1:2::${i}`, "anna@example.test");
    expect(await outcome(limiter.takeLogin("2001:db8:1:2:ffff::1", "anna@example.test"))).toMatch(/^RATE_LIMITED/);
  });
});

describe("SignInLimiter with Redis away", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    // A port that accepts and immediately drops connections: Redis is "down".
    server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("still limits, per process, instead of failing sign-ins", async () => {
    const limiter = await SignInLimiter.create(settings(), `redis://127.0.0.1:${port}`, log);
    try {
      for (let i = 0; i < 3; i++) expect(await outcome(limiter.takeLogin("192.0.2.1", "anna@example.test"))).toBe("ok");
      expect(await outcome(limiter.takeLogin("192.0.2.1", "anna@example.test"))).toMatch(/^RATE_LIMITED/);
    } finally {
      await limiter.close();
    }
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)("SignInLimiter on Redis (REDIS_URL)", () => {
  if (!redisUrl) console.log("REDIS_URL is not set: the shared Redis limits test is skipped");

  it("shares budgets between identity instances", async () => {
    const shared = settings();
    const [one, two] = await Promise.all([
      SignInLimiter.create(shared, redisUrl, log),
      SignInLimiter.create(shared, redisUrl, log),
    ]);
    try {
      for (let i = 0; i < 3; i++) await (i % 2 ? one : two).takeLogin("192.0.2.1", "anna@example.test");
      expect(await outcome(one.takeLogin("192.0.2.1", "anna@example.test"))).toMatch(/^RATE_LIMITED:(59|60)$/);
      expect(await outcome(two.takeLogin("192.0.2.1", "anna@example.test"))).toMatch(/^RATE_LIMITED/);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
