import { randomBytes } from "node:crypto";
import type { DataSource } from "typeorm";
import {
  BadUserInputError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  type BaseContext,
} from "@pawgraph/subgraph-kit";
import type { SigningKeys } from "../keys/signing-keys";
import type { SessionService } from "../session/session.service";
import type { RevocationService } from "../revocation/revocation.service";
import { UserEntity } from "../user/user.entity";
import { ApiKeyEntity } from "./api-key.entity";
import type { CreateApiKeyInput } from "./api-key.inputs";
import type { ApiKeyRepository, ApiKeyUsageIncrement } from "./api-key.repository";
import { API_KEY_SCOPES, ApiKey, ApiKeyScope, ApiKeyUsageDay, CreateApiKeyPayload } from "./api-key.type";
import { sha256Hex } from "../token-hash";
import { ownSession } from "../session/own-session";

/** Keys one person may hold at once (not revoked): `myApiKeys` stays one short list. */
export const MAX_OPEN_KEYS = 25;
/** The longest `apiKeyUsage` range. */
const MAX_USAGE_DAYS = 366;
/** Access tokens minted for a key live this long at most (and never past the key's expiry). */
const KEY_TOKEN_TTL_SECONDS = 300;
const KEY_PREFIX = "pk_";
/** Characters after `pk_` shown in `myApiKeys`. */
const SHOWN_PREFIX_LENGTH = 8;
const MAX_EXPIRY_MS = 366 * 86_400_000;

/** What the gateway gets for a working key: an access token for its owner, limited to its scopes. */
export interface ApiKeyAccess {
  keyId: string;
  userId: string;
  scopes: string[];
  /** When the key stops working (ISO 8601), if ever. */
  keyExpiresAt: string | null;
  accessToken: string;
  accessTokenExpiresAt: string;
}

/** Why a key does not work; the gateway answers UNAUTHENTICATED with this. */
export type ApiKeyRefusal = "INVALID" | "EXPIRED" | "REVOKED";

/**
 * API keys for third-party developers (docs/decisions/0046). Any verified person creates keys with
 * scopes; the key is shown once and stored hashed. The gateway trades a key for a short-lived access
 * token of its owner carrying the key's scopes (`scp`) and the key's id as its session (`sid`), so
 * revoking a key is an ordinary session revocation every process already honours within a poll.
 */
export class ApiKeyService {
  constructor(
    private readonly db: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly signing: SigningKeys,
    private readonly revocations: RevocationService,
    /** A session's claims about its user (roles held back until two-factor sign-in is on included). */
    private readonly claims: Pick<SessionService, "accessClaims">,
  ) {}

  async create(ctx: BaseContext, input: CreateApiKeyInput): Promise<CreateApiKeyPayload> {
    const viewer = ownSession(ctx, "manage API keys");
    if (!viewer.emailVerified) throw new ForbiddenError("Verify your email address before creating API keys");
    const name = input.name.trim();
    if (!name) throw new BadUserInputError("input.name", "name must not be blank");
    const scopes = [...new Set(input.scopes)];
    if (!scopes.every((s) => API_KEY_SCOPES.includes(s))) throw new BadUserInputError("input.scopes", "unknown scope");
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt && expiresAt.getTime() <= Date.now())
      throw new BadUserInputError("input.expiresAt", "expiresAt must be in the future");
    if (expiresAt && expiresAt.getTime() > Date.now() + MAX_EXPIRY_MS)
      throw new BadUserInputError("input.expiresAt", "expiresAt must be at most a year ahead");
    const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
    const created = await this.db.transaction(async (tx) => {
      // The user row's lock orders one person's creations, so the limit holds under concurrency.
      const user = await tx
        .getRepository(UserEntity)
        .findOne({ where: { id: viewer.userId }, lock: { mode: "pessimistic_write" } });
      if (!user) throw new NotFoundError("User");
      if ((await this.keys.countOpen(tx, user.id)) >= MAX_OPEN_KEYS)
        throw new DomainError(
          "API_KEY_LIMIT_REACHED",
          `You have ${MAX_OPEN_KEYS} API keys: revoke one you no longer use first`,
          "input",
        );
      return tx.getRepository(ApiKeyEntity).save({
        userId: user.id,
        name,
        prefix: key.slice(KEY_PREFIX.length, KEY_PREFIX.length + SHOWN_PREFIX_LENGTH),
        keyHash: sha256Hex(key),
        scopes,
        expiresAt,
        revokedAt: null,
        lastUsedOn: null,
      });
    });
    return Object.assign(new CreateApiKeyPayload(), { key, apiKey: toApiKey(created) });
  }

  async mine(ctx: BaseContext): Promise<ApiKey[]> {
    const viewer = ownSession(ctx, "manage API keys");
    return (await this.keys.listOpen(viewer.userId)).map(toApiKey);
  }

  /** Revokes the key now; tokens minted for it stop within a revocation poll. Revoking twice is the same answer. */
  async revoke(ctx: BaseContext, id: string): Promise<ApiKey> {
    const viewer = ownSession(ctx, "manage API keys");
    const key = await this.db.transaction(async (tx) => {
      // Locks: the user row (by the log append's order, revocation.service.ts), then the key.
      await tx.getRepository(UserEntity).findOne({ where: { id: viewer.userId }, lock: { mode: "pessimistic_write" } });
      const found = await this.keys.ownedBy(tx, viewer.userId, id.toLowerCase(), true);
      if (!found) throw new NotFoundError("API key", "input.id");
      if (found.revokedAt) return found;
      found.revokedAt = new Date();
      await tx.getRepository(ApiKeyEntity).update(found.id, { revokedAt: found.revokedAt });
      await this.revocations.revokeKeyTokens(tx, found.userId, found.id);
      return found;
    });
    await this.revocations.published();
    return toApiKey(key);
  }

  async usage(ctx: BaseContext, keyId: string, from: string, to: string): Promise<ApiKeyUsageDay[]> {
    const viewer = ownSession(ctx, "manage API keys");
    if (from > to) throw new BadUserInputError("from", "from must not be after to");
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= MAX_USAGE_DAYS)
      throw new BadUserInputError("to", `at most ${MAX_USAGE_DAYS} days at once`);
    const key = await this.keys.ownedBy(this.db.manager, viewer.userId, keyId.toLowerCase());
    if (!key) throw new NotFoundError("API key", "keyId");
    return (await this.keys.usage(key.id, from, to)).map((d) => Object.assign(new ApiKeyUsageDay(), d));
  }

  /**
   * For the gateway (internal, with the gateway secret): the key's owner, scopes and an access token
   * for them limited to the scopes, or why the key does not work.
   */
  async access(rawKey: string): Promise<ApiKeyAccess | ApiKeyRefusal> {
    if (!rawKey.startsWith(KEY_PREFIX) || rawKey.length > 100) return "INVALID";
    const found = await this.keys.accessByHash(sha256Hex(rawKey));
    if (!found || found.locked) return "INVALID";
    if (found.revoked_at) return "REVOKED";
    if (found.expired) return "EXPIRED";
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: found.user_id });
    if (!user) return "INVALID";
    const claims = await this.claims.accessClaims(this.db.manager, user);
    const untilKeyExpiry = found.expires_at
      ? Math.floor((found.expires_at.getTime() - Date.now()) / 1000)
      : KEY_TOKEN_TTL_SECONDS;
    const token = await this.signing.signAccessToken(
      {
        ...claims,
        // The key is the session: revoking the key revokes this `sid`; a password change or a
        // locked account raises `ver` past this token's.
        sessionId: found.id,
        scopes: found.scopes,
      },
      Math.max(1, Math.min(KEY_TOKEN_TTL_SECONDS, untilKeyExpiry)),
    );
    return {
      keyId: found.id,
      userId: user.id,
      scopes: found.scopes,
      keyExpiresAt: found.expires_at?.toISOString() ?? null,
      accessToken: token.token,
      accessTokenExpiresAt: token.expiresAt.toISOString(),
    };
  }

  /** The gateway's batched counts of requests per key and day (internal). */
  recordUsage(increments: ApiKeyUsageIncrement[]): Promise<void> {
    return this.keys.addUsage(increments);
  }
}

/**
 * Keys are managed by the person in their own session, never through a key: a leaked key must not be
 * able to make more keys, list them or hide its tracks. The gateway refuses these fields for keys too.
 */

function toApiKey(entity: ApiKeyEntity): ApiKey {
  return Object.assign(new ApiKey(), {
    id: entity.id,
    name: entity.name,
    prefix: entity.prefix,
    scopes: entity.scopes as ApiKeyScope[],
    expiresAt: entity.expiresAt,
    revokedAt: entity.revokedAt,
    lastUsedOn: entity.lastUsedOn,
    createdAt: entity.createdAt,
  });
}
