import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";
import * as oidc from "openid-client";
import type { DataSource, EntityManager } from "typeorm";
import { BadUserInputError, DomainError, type BaseContext, type Logger } from "@pawgraph/subgraph-kit";
import type { AccountLockedError, AuthPayload, MfaRequired } from "../session/session.type";
import { normalizeEmail, type SessionService } from "../session/session.service";
import { UserEntity } from "../user/user.entity";
import type { UserRepository } from "../user/user.repository";
import type { SignInLimiter } from "../session/sign-in-limiter";
import type { SocialProviderName, SocialProviders } from "./social-providers";
import { sha256Hex } from "../token-hash";

/** How long a started sign-in (and a link offer) may be completed. */
const ATTEMPT_TTL_MS = 10 * 60_000;

/** The rows an UPDATE or DELETE ... RETURNING gave back (TypeORM answers `[rows, count]` for those on Postgres). */
const returned = <T>(result: unknown): T[] =>
  (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : []) as T[];

/** The provider's account matches an existing Pawgraph account's address: prove the password to link them. */
export interface SocialLinkOffer {
  linkToken: string;
  email: string;
  provider: SocialProviderName;
}

export type SocialSignInOutcome = AuthPayload | MfaRequired | AccountLockedError | SocialLinkOffer;

/** A sign-in that cannot go on: expired, used, or an answer from the provider that does not verify. */
export const socialSignInFailed = (field: string, message: string) =>
  new DomainError("SOCIAL_SIGN_IN_FAILED", message, field);

interface Attempt {
  id: string;
  provider: SocialProviderName;
  nonce: string;
  code_verifier: string;
  redirect_uri: string;
  user_id: string | null;
}

/**
 * Sign-in with Google or Apple by OpenID Connect (docs/decisions/0047): the authorization-code flow
 * with PKCE, state and nonce, the ID token verified by openid-client (signature by the provider's keys,
 * issuer, audience, expiry, nonce). A provider account already linked signs its user in; one whose
 * verified email belongs to an existing account is linked only after that account's password (or from
 * its own session); otherwise a new account is made with the provider's verified address. Two-factor
 * accounts still answer `MfaRequired`.
 */
export class SocialSignInService {
  constructor(
    private readonly db: DataSource,
    private readonly providers: SocialProviders,
    private readonly sessions: SessionService,
    private readonly users: UserRepository,
    /** linkSocialIdentity checks a password: it spends the same budget as `login`; starts have their own. */
    private readonly limiter: Pick<SignInLimiter, "takeLogin" | "loginSucceeded" | "takeSocialStart">,
    private readonly log: Logger,
  ) {}

  async start(
    ctx: BaseContext,
    provider: SocialProviderName,
    redirectUri: string,
  ): Promise<{ authorizationUrl: string; state: string; expiresAt: Date }> {
    if (!this.providers.configured(provider))
      throw new BadUserInputError("input.provider", `Sign-in with ${provider} is not offered here`);
    await this.limiter.takeSocialStart(ctx.clientIp);
    const config = await this.providers.configuration(provider).catch((error: unknown) => {
      this.log.warn({ err: error, provider }, "cannot read the provider's OpenID configuration");
      throw socialSignInFailed("input.provider", `${provider} cannot be reached; try again later`);
    });
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const expiresAt = new Date(Date.now() + ATTEMPT_TTL_MS);
    await this.db.query(
      `INSERT INTO identity.social_sign_ins (state_hash, provider, nonce, code_verifier, redirect_uri, user_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [sha256Hex(state), provider, nonce, codeVerifier, redirectUri, ctx.viewer?.userId ?? null, expiresAt],
    );
    const authorizationUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: "openid email profile",
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    return { authorizationUrl: authorizationUrl.toString(), state, expiresAt };
  }

  /** The provider sent the person back with `code` and `state` (and `iss`, where it says so). */
  async complete(input: { state: string; code: string; iss?: string | null }): Promise<SocialSignInOutcome> {
    const [attempt] = returned<Attempt>(
      await this.db.query(
        `UPDATE identity.social_sign_ins SET used_at = now()
          WHERE state_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING id, provider, nonce, code_verifier, redirect_uri, user_id`,
        [sha256Hex(input.state)],
      ),
    );
    if (!attempt) throw socialSignInFailed("input.state", "This sign-in expired or was already used; start again");
    const claims = await this.verifiedClaims(attempt, input);
    return this.db.transaction(async (tx) => {
      const linked = (await tx.query(
        `SELECT user_id FROM identity.user_identities WHERE provider = $1 AND subject = $2`,
        [attempt.provider, claims.sub],
      )) as { user_id: string }[];
      if (linked[0]) return this.signIn(tx, linked[0].user_id);
      if (attempt.user_id) {
        // Started from a signed-in session: that account takes the provider account.
        await this.link(tx, attempt.user_id, attempt.provider, claims);
        return this.signIn(tx, attempt.user_id);
      }
      if (typeof claims.email !== "string" || claims.email_verified !== true)
        throw socialSignInFailed("input.code", `${attempt.provider} did not share a verified email address`);
      const email = normalizeEmail(claims.email);
      const existing = await this.users.byEmail(email);
      if (existing) {
        const linkToken = randomBytes(32).toString("base64url");
        await tx.query(
          `UPDATE identity.social_sign_ins
              SET link_token_hash = $2, link_subject = $3, link_email = $4, expires_at = $5 WHERE id = $1`,
          [attempt.id, sha256Hex(linkToken), claims.sub, email, new Date(Date.now() + ATTEMPT_TTL_MS)],
        );
        return { linkToken, email, provider: attempt.provider };
      }
      const displayName = (typeof claims.name === "string" && claims.name.trim()) || email.split("@")[0]!;
      // The account has no password anyone knows: requestPasswordReset sets one.
      const passwordHash = await hash(randomBytes(32).toString("base64url"));
      const id = await this.users.insertIfNew(tx, { email, displayName, passwordHash });
      if (!id) throw socialSignInFailed("input.code", "An account with this address was just made; sign in again");
      await tx.query(`UPDATE identity.users SET email_verified_at = now() WHERE id = $1`, [id]);
      await this.link(tx, id, attempt.provider, claims);
      return this.signIn(tx, id);
    });
  }

  /** Links the offered provider account to the account with its address, once that account's password is proven. */
  async linkWithPassword(
    ctx: BaseContext,
    input: { linkToken: string; password: string },
  ): Promise<Exclude<SocialSignInOutcome, SocialLinkOffer>> {
    const [offer] = (await this.db.query(
      `SELECT id, provider, link_subject, link_email FROM identity.social_sign_ins
        WHERE link_token_hash = $1 AND expires_at > now()`,
      [sha256Hex(input.linkToken)],
    )) as { id: string; provider: SocialProviderName; link_subject: string; link_email: string }[];
    if (!offer)
      throw socialSignInFailed("input.linkToken", "This link offer expired or was already used; sign in again");
    await this.limiter.takeLogin(ctx.clientIp, offer.link_email);
    const user = await this.users.byEmail(offer.link_email);
    if (!user || !(await verify(user.passwordHash, input.password)))
      throw new DomainError("INVALID_CREDENTIALS", "The password is not this account's", "input.password");
    await this.limiter.loginSucceeded(ctx.clientIp, offer.link_email);
    return this.db.transaction(async (tx) => {
      const spent = returned(
        await tx.query(
          `UPDATE identity.social_sign_ins SET link_token_hash = NULL WHERE id = $1 AND link_token_hash IS NOT NULL RETURNING id`,
          [offer.id],
        ),
      );
      if (!spent.length) throw socialSignInFailed("input.linkToken", "This link offer was already used");
      await this.link(tx, user.id, offer.provider, { sub: offer.link_subject, email: offer.link_email });
      return this.signIn(tx, user.id);
    });
  }

  async unlink(userId: string, provider: SocialProviderName): Promise<boolean> {
    const removed = returned(
      await this.db.query(`DELETE FROM identity.user_identities WHERE user_id = $1 AND provider = $2 RETURNING id`, [
        userId,
        provider,
      ]),
    );
    return removed.length > 0;
  }

  async identitiesOf(
    userId: string,
  ): Promise<{ provider: SocialProviderName; email: string | null; linkedAt: Date }[]> {
    const rows = (await this.db.query(
      `SELECT provider, email, linked_at FROM identity.user_identities WHERE user_id = $1 ORDER BY linked_at`,
      [userId],
    )) as { provider: SocialProviderName; email: string | null; linked_at: Date }[];
    return rows.map((r) => ({ provider: r.provider, email: r.email, linkedAt: r.linked_at }));
  }

  private async verifiedClaims(
    attempt: Attempt,
    input: { state: string; code: string; iss?: string | null },
  ): Promise<oidc.IDToken> {
    const callback = new URL(attempt.redirect_uri);
    callback.searchParams.set("code", input.code);
    callback.searchParams.set("state", input.state);
    if (input.iss) callback.searchParams.set("iss", input.iss);
    try {
      const config = await this.providers.configuration(attempt.provider);
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: attempt.code_verifier,
        expectedState: input.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error("no ID token");
      return claims;
    } catch (error) {
      this.log.warn({ err: error, provider: attempt.provider }, "social sign-in: the provider's answer did not verify");
      throw socialSignInFailed("input.code", `The answer from ${attempt.provider} could not be verified; start again`);
    }
  }

  private async link(
    tx: EntityManager,
    userId: string,
    provider: SocialProviderName,
    claims: { sub: string; email?: unknown },
  ): Promise<void> {
    const rows = (await tx.query(
      `INSERT INTO identity.user_identities (user_id, provider, subject, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING id`,
      [userId, provider, claims.sub, typeof claims.email === "string" ? normalizeEmail(claims.email) : null],
    )) as unknown[];
    if (!rows.length)
      throw socialSignInFailed("input.code", `This ${provider} account or this user is already linked to another`);
  }

  private async signIn(tx: EntityManager, userId: string) {
    const user = await tx
      .getRepository(UserEntity)
      .findOne({ where: { id: userId }, lock: { mode: "pessimistic_read" } });
    if (!user) throw socialSignInFailed("input.code", "The account no longer exists");
    return this.sessions.afterFirstFactor(tx, user);
  }
}
