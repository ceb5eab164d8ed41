import { createHash } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { DomainError, type Logger } from "@pawgraph/subgraph-kit";

/** A budget of attempts in a fixed window that starts with the first attempt. */
export interface RateLimit {
  points: number;
  windowSeconds: number;
}

export interface SignInLimitSettings {
  /** Failed sign-ins for one email from one IP (or IPv6 /64): the brute-force guard that cannot lock the owner out elsewhere. */
  loginPerAccountIp: RateLimit;
  /** Failed sign-ins from one IP across all emails: credential stuffing and password spraying. */
  loginPerIp: RateLimit;
  /** Failed `refreshSession` calls from one IP (unknown, expired or replayed tokens). */
  refreshPerIp: RateLimit;
  /** `register` calls from one IP, successful or not: each costs an argon2 hash and can mint an account. */
  registerPerIp: RateLimit;
  /**
   * `requestPasswordReset` calls for one email, from anywhere: each may send a mail, so this bounds what
   * anyone can put in one inbox. Counted whether or not the email has an account (no enumeration).
   */
  passwordResetPerEmail: RateLimit;
  /** `requestPasswordReset` calls from one IP across all emails: mail sent on a stranger's behalf, and probing. */
  passwordResetPerIp: RateLimit;
  /**
   * Wrong two-factor codes for one account, from anywhere (docs/decisions/0045): whoever sends them already
   * has the password or a session, so counting per account cannot be used to lock a stranger out.
   */
  mfaPerUser: RateLimit;
  /**
   * `startSocialSignIn` calls from one IP: each stores a sign-in attempt (state, nonce, PKCE verifier)
   * for 10 minutes before anyone has proved anything (docs/decisions/0047).
   */
  socialStartPerIp: RateLimit;
  /** Prefix of the Redis keys (one namespace per deployment; tests use one per stack). */
  keyPrefix: string;
}

export const SIGN_IN_LIMIT_DEFAULTS: SignInLimitSettings = {
  loginPerAccountIp: { points: 5, windowSeconds: 15 * 60 },
  loginPerIp: { points: 100, windowSeconds: 60 * 60 },
  refreshPerIp: { points: 60, windowSeconds: 15 * 60 },
  registerPerIp: { points: 30, windowSeconds: 60 * 60 },
  passwordResetPerEmail: { points: 3, windowSeconds: 60 * 60 },
  passwordResetPerIp: { points: 20, windowSeconds: 60 * 60 },
  mfaPerUser: { points: 10, windowSeconds: 15 * 60 },
  socialStartPerIp: { points: 60, windowSeconds: 60 * 60 },
  keyPrefix: "pawgraph:sign-in",
};

/** Too many attempts: `extensions.retryAfterSeconds` says when to try again (the gateway answers HTTP 429 with Retry-After). */
export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number, message: string) {
    super("RATE_LIMITED", message, undefined, { retryAfterSeconds });
  }
}

/**
 * The key for an address: IPv4 as is; IPv6 by its /64 prefix, since one subscriber is routinely
 * handed a whole /64 and could otherwise rotate through 2^64 addresses. Callers without a known
 * address (never the gateway, which always sends one) share one bucket.
 */
export function ipKey(ip: string | undefined): string {
  if (!ip) return "unknown";
  const mapped = /^::ffff:(.+)$/i.exec(ip)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (!isIPv6(ip)) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::")
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** Emails are hashed before they become store keys: Redis holds no personal data. */
const emailKey = (email: string) => createHash("sha256").update(email).digest("base64url").slice(0, 22);

const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/**
 * Counts sign-in, refresh, registration and password-reset attempts per IP and per (email, IP) in Redis when
 * configured (shared by every identity instance) and in memory otherwise. An attempt takes a point
 * before the password is checked (so parallel guesses cannot overrun the budget) and a success
 * gives it back, so the budgets count failures. Redis being away falls back to per-process memory
 * limits instead of failing sign-ins. Limits are per IP, never per account alone: a stranger's
 * wrong passwords cannot stop the owner signing in from their own network.
 */
export class SignInLimiter {
  private constructor(
    private readonly limiters: Record<
      | "loginPerAccountIp"
      | "loginPerIp"
      | "refreshPerIp"
      | "registerPerIp"
      | "passwordResetPerEmail"
      | "passwordResetPerIp"
      | "mfaPerUser"
      | "socialStartPerIp",
      RateLimiterAbstract
    >,
    private readonly redis: Redis | undefined,
  ) {}

  /** Connects to Redis first (for up to 2 s): until it is ready, each process counts on its own. */
  static async create(
    settings: SignInLimitSettings,
    redisUrl: string | undefined,
    log: Logger,
  ): Promise<SignInLimiter> {
    const redis = redisUrl ? await openLimiterRedis(redisUrl, log) : undefined;
    const build = (name: string, limit: RateLimit): RateLimiterAbstract => {
      const options = {
        keyPrefix: `${settings.keyPrefix}:${name}`,
        points: limit.points,
        duration: limit.windowSeconds,
      };
      if (!redis) return new RateLimiterMemory(options);
      return new RateLimiterRedis({
        ...options,
        storeClient: redis,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(options),
      });
    };
    return new SignInLimiter(
      {
        loginPerAccountIp: build("login-account-ip", settings.loginPerAccountIp),
        loginPerIp: build("login-ip", settings.loginPerIp),
        refreshPerIp: build("refresh-ip", settings.refreshPerIp),
        registerPerIp: build("register-ip", settings.registerPerIp),
        passwordResetPerEmail: build("reset-email", settings.passwordResetPerEmail),
        passwordResetPerIp: build("reset-ip", settings.passwordResetPerIp),
        mfaPerUser: build("mfa-user", settings.mfaPerUser),
        socialStartPerIp: build("social-start-ip", settings.socialStartPerIp),
      },
      redis,
    );
  }

  /** Takes a sign-in attempt for `email` from `ip`, or throws RATE_LIMITED; settle it with `loginSucceeded` or leave it counted as a failure. */
  async takeLogin(ip: string | undefined, email: string): Promise<void> {
    const keys = this.loginKeys(ip, email);
    await this.take(
      [
        [this.limiters.loginPerIp, keys.ip],
        [this.limiters.loginPerAccountIp, keys.accountIp],
      ],
      (seconds) => `Too many failed sign-in attempts from your network. Try again in ${describe(seconds)}.`,
    );
  }

  /** The right password: this (email, IP) starts afresh, and the IP's attempt is given back. */
  async loginSucceeded(ip: string | undefined, email: string): Promise<void> {
    const keys = this.loginKeys(ip, email);
    await Promise.all([
      this.limiters.loginPerAccountIp.delete(keys.accountIp),
      this.limiters.loginPerIp.reward(keys.ip, 1),
    ]);
  }

  async takeRefresh(ip: string | undefined): Promise<void> {
    await this.take(
      [[this.limiters.refreshPerIp, ipKey(ip)]],
      (seconds) => `Too many failed session refreshes from your network. Try again in ${describe(seconds)}.`,
    );
  }

  async refreshSucceeded(ip: string | undefined): Promise<void> {
    await this.limiters.refreshPerIp.reward(ipKey(ip), 1);
  }

  /** Social sign-in starts are not given back: each stores an attempt whether or not it is completed. */
  async takeSocialStart(ip: string | undefined): Promise<void> {
    await this.take(
      [[this.limiters.socialStartPerIp, ipKey(ip)]],
      (seconds) => `Too many sign-ins started from your network. Try again in ${describe(seconds)}.`,
    );
  }

  /** Registration attempts are not given back: creating accounts in bulk is itself the abuse. */
  async takeRegister(ip: string | undefined): Promise<void> {
    await this.take(
      [[this.limiters.registerPerIp, ipKey(ip)]],
      (seconds) => `Too many sign-ups from your network. Try again in ${describe(seconds)}.`,
    );
  }

  /**
   * A password reset request for `email` from `ip`, or RATE_LIMITED. Never given back: every request
   * may send a mail. The email's budget is global (not per IP), or anyone could fill an inbox from many
   * addresses; the cost is that a stranger can hold up someone's reset emails for the window.
   */
  async takePasswordReset(ip: string | undefined, email: string): Promise<void> {
    await this.take(
      [
        [this.limiters.passwordResetPerIp, ipKey(ip)],
        [this.limiters.passwordResetPerEmail, emailKey(email)],
      ],
      (seconds) => `Too many password reset requests. Try again in ${describe(seconds)}.`,
    );
  }

  /** A two-factor code (or recovery code) checked for the user, or RATE_LIMITED; `mfaSucceeded` forgets the failures. */
  async takeMfa(userId: string): Promise<void> {
    await this.take(
      [[this.limiters.mfaPerUser, userId]],
      (seconds) => `Too many wrong two-factor codes. Try again in ${describe(seconds)}.`,
    );
  }

  async mfaSucceeded(userId: string): Promise<void> {
    await this.limiters.mfaPerUser.delete(userId);
  }

  async close(): Promise<void> {
    if (!this.redis) return;
    if (this.redis.status === "ready") await this.redis.quit().catch(() => this.redis!.disconnect());
    else this.redis.disconnect();
  }

  private loginKeys(ip: string | undefined, email: string) {
    const address = ipKey(ip);
    return { ip: address, accountIp: `${emailKey(email)}:${address}` };
  }

  /** Takes a point from every budget; when any is spent, gives back the others' and throws with the longest wait. */
  private async take(budgets: [RateLimiterAbstract, string][], message: (seconds: number) => string): Promise<void> {
    const results = await Promise.allSettled(budgets.map(([limiter, key]) => limiter.consume(key, 1)));
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    if (!refused.length) return;
    const storeError = refused.find((reason) => !(reason instanceof RateLimiterRes));
    if (storeError) throw storeError;
    await Promise.all(
      budgets.map(([limiter, key], i) => (results[i]!.status === "fulfilled" ? limiter.reward(key, 1) : undefined)),
    );
    const seconds = Math.max(...(refused as RateLimiterRes[]).map(retryAfter));
    throw new RateLimitedError(seconds, message(seconds));
  }
}

function describe(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * A connection whose commands fail at once while Redis is away (the limiters' in-memory insurance
 * answers instead, `rejectIfRedisNotReady`), so a Redis outage never slows a sign-in down.
 */
async function openLimiterRedis(url: string, log: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    connectionName: "identity-sign-in-limits",
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    disconnectTimeout: 100,
  });
  let down = false;
  redis.on("error", (error: Error) => {
    if (!down) log.warn({ err: error.message }, "sign-in limits: Redis unavailable; limiting per process meanwhile");
    down = true;
  });
  redis.on("ready", () => {
    if (down) log.info("sign-in limits: Redis connection restored");
    down = false;
  });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, 2_000);
    function done() {
      clearTimeout(timer);
      redis.off("ready", done);
      resolve();
    }
    redis.once("ready", done);
  });
  return redis;
}
