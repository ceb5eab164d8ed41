import { jwtVerify, errors as joseErrors, type JWTVerifyGetKey, type JWTPayload } from "jose";
import type { Logger } from "pino";
import type { AuthChecker } from "type-graphql";
import { DomainError, UnauthenticatedError, ForbiddenError } from "./errors";
import { resilientRemoteJwks } from "./jwks";
import type { RevocationList } from "./revocation";

/** Platform roles. Clinic and vendor roles also travel as memberships (which clinic, which vendor). */
export const ROLES = [
  "OWNER",
  "VET",
  "CLINIC_STAFF",
  "CLINIC_ADMIN",
  "PLATFORM_ADMIN",
  "VENDOR_ADMIN",
  "VENDOR_STAFF",
] as const;
export type RoleName = (typeof ROLES)[number];

/** The roles a user holds at a vendor (a catalog seller), carried per vendor in the token's `vendors` claim. */
export const VENDOR_ROLES = ["VENDOR_ADMIN", "VENDOR_STAFF"] as const satisfies readonly RoleName[];
export type VendorRoleName = (typeof VENDOR_ROLES)[number];

export interface ClinicMembershipClaim {
  clinicId: string;
  role: RoleName;
}

export interface VendorMembershipClaim {
  vendorId: string;
  role: RoleName;
}

/** Who is calling, as proven by a verified access token. */
export interface Viewer {
  userId: string;
  email: string;
  /** The token's `email_verified` claim: the account proved it receives mail at `email`. */
  emailVerified: boolean;
  roles: RoleName[];
  memberships: ClinicMembershipClaim[];
  /** Vendors where the viewer holds VENDOR_ADMIN or VENDOR_STAFF: the token's `vendors` claim. */
  vendorMemberships: VendorMembershipClaim[];
  /** The session (refresh-token family) the token belongs to: `sid`. Revoked on logout. */
  sessionId?: string;
  /** The user's session version when the token was issued: `ver`. Raising it revokes older tokens. */
  sessionVersion?: number;
  /**
   * Roles the user holds but this token leaves out until they turn on two-factor sign-in (`mfa_withheld`,
   * identity's MFA_REQUIRED_ROLES, docs/decisions/0045): checks for them fail with MFA_ENROLMENT_REQUIRED.
   */
  mfaWithheldRoles?: RoleName[];
  /**
   * The token's `scp` claim: set only on tokens identity mints for a third-party developer's API key
   * (docs/decisions/0046), which may do only what these scopes allow. Undefined for a person's own
   * session, which may do everything its roles allow.
   */
  scopes?: string[];
}

export const TOKEN_ISSUER = "pawgraph-identity";
export const TOKEN_AUDIENCE = "pawgraph";

interface AccessTokenClaims extends JWTPayload {
  email?: string;
  email_verified?: boolean;
  roles?: string[];
  clinics?: { clinicId: string; role: string }[];
  vendors?: { vendorId: string; role: string }[];
  sid?: string;
  ver?: number;
  mfa_withheld?: string[];
  scp?: string[];
}

function isRole(value: string): value is RoleName {
  return (ROLES as readonly string[]).includes(value);
}

/** How many verified tokens a process remembers; each entry is small (the viewer's claims). */
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * Verifies access tokens against a key set; one instance per process so the JWKS cache is shared.
 * A token's signature is checked once per process: one request crosses the gateway and several
 * subgraphs with the same token, and repeated signature checks were the largest single cost in
 * profiles. Cached entries still honour `exp` and, with a revocation list, revocation: both are
 * checked on every call, cache hit or not (an in-memory lookup, docs/decisions/0014-revocation.md).
 */
export class AccessTokenVerifier {
  private readonly verified = new Map<string, { viewer: Viewer; expiresAt: number }>();

  constructor(
    private readonly keys: JWTVerifyGetKey,
    /** Revoked sessions and users; started and stopped with the server that uses this verifier. */
    readonly revocations?: RevocationList,
  ) {}

  /**
   * Key set fetched from identity's JWKS URL, cached, refetched when an unknown `kid` shows up; while
   * identity is unreachable the last keys fetched are used (`resilientRemoteJwks`).
   */
  static fromJwksUrl(url: string, revocations?: RevocationList, log?: Logger): AccessTokenVerifier {
    return new AccessTokenVerifier(resilientRemoteJwks(new URL(url), { log }), revocations);
  }

  async verify(token: string): Promise<Viewer> {
    return (await this.verifyWithExpiry(token)).viewer;
  }

  /** The viewer and when the token expires (ms since the epoch), e.g. to end a WebSocket's subscriptions then. */
  async verifyWithExpiry(token: string): Promise<{ viewer: Viewer; expiresAt: number }> {
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.expiresAt > Date.now()) return this.unlessRevoked(cached);
      this.verified.delete(token);
      throw new UnauthenticatedError("Access token expired");
    }
    const verified = await this.verifySignature(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, verified);
    return this.unlessRevoked(verified);
  }

  /** Whether a token verified earlier (e.g. a WebSocket's) has been revoked since. */
  isRevoked(viewer: Viewer): boolean {
    return this.revocations?.isRevoked(viewer) ?? false;
  }

  private unlessRevoked<T extends { viewer: Viewer }>(verified: T): T {
    if (this.revocations?.isRevoked(verified.viewer))
      throw new UnauthenticatedError("This session has ended; sign in again");
    return verified;
  }

  private async verifySignature(token: string): Promise<{ viewer: Viewer; expiresAt: number }> {
    try {
      const { payload } = await jwtVerify<AccessTokenClaims>(token, this.keys, {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        algorithms: ["EdDSA", "ES256"],
      });
      if (!payload.sub) throw new UnauthenticatedError("Access token has no subject");
      if (typeof payload.exp !== "number") throw new UnauthenticatedError("Access token has no expiry");
      const viewer: Viewer = {
        userId: payload.sub,
        email: payload.email ?? "",
        emailVerified: payload.email_verified === true,
        roles: (payload.roles ?? []).filter(isRole),
        memberships: (payload.clinics ?? [])
          .filter((m) => typeof m.clinicId === "string" && isRole(m.role))
          .map((m) => ({ clinicId: m.clinicId, role: m.role as RoleName })),
        vendorMemberships: (Array.isArray(payload.vendors) ? payload.vendors : [])
          .filter((m) => typeof m?.vendorId === "string" && typeof m.role === "string" && isRole(m.role))
          .map((m) => ({ vendorId: m.vendorId, role: m.role as RoleName })),
        sessionId: typeof payload.sid === "string" ? payload.sid : undefined,
        sessionVersion: typeof payload.ver === "number" ? payload.ver : undefined,
        ...(Array.isArray(payload.mfa_withheld)
          ? { mfaWithheldRoles: payload.mfa_withheld.filter((r) => typeof r === "string" && isRole(r)) }
          : {}),
        scopes: Array.isArray(payload.scp) ? payload.scp.filter((s) => typeof s === "string") : undefined,
      };
      return { viewer, expiresAt: payload.exp * 1000 };
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError("Access token expired");
      if (error instanceof joseErrors.JOSEError) throw new UnauthenticatedError("Invalid access token");
      throw error;
    }
  }

  /** Reads `Authorization: Bearer <token>`; no header means an anonymous request. */
  async fromAuthorizationHeader(header: string | undefined): Promise<Viewer | null> {
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match?.[1]) throw new UnauthenticatedError("Authorization header must be `Bearer <access token>`");
    return this.verify(match[1]);
  }
}

export function hasRole(viewer: Viewer | null, role: RoleName): boolean {
  return !!viewer && viewer.roles.includes(role);
}

export function isPlatformAdmin(viewer: Viewer | null): boolean {
  return hasRole(viewer, "PLATFORM_ADMIN");
}

/**
 * The strongest role the viewer holds at this vendor according to their token (VENDOR_ADMIN over
 * VENDOR_STAFF), or null when they hold none there.
 */
export function vendorRoleOf(viewer: Viewer | null, vendorId: string): VendorRoleName | null {
  if (!viewer) return null;
  const id = vendorId.toLowerCase();
  const held = viewer.vendorMemberships.filter((m) => m.vendorId.toLowerCase() === id).map((m) => m.role);
  return VENDOR_ROLES.find((role) => held.includes(role)) ?? null;
}

/** Whether the viewer's token gives them a role at this vendor; one of `roles` when given. */
export function isVendorMember(
  viewer: Viewer | null,
  vendorId: string,
  roles: readonly VendorRoleName[] = VENDOR_ROLES,
): boolean {
  if (!viewer) return false;
  const id = vendorId.toLowerCase();
  return viewer.vendorMemberships.some((m) => m.vendorId.toLowerCase() === id && roles.some((r) => r === m.role));
}

/** Whether the viewer acts through an API key (a token with scopes) rather than their own session. */
export function actsThroughApiKey(viewer: Viewer | null): boolean {
  return viewer?.scopes !== undefined;
}

/** Throws UNAUTHENTICATED unless someone is signed in. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

/** A role the viewer holds is withheld from their token until they turn on two-factor sign-in. */
export class MfaEnrolmentRequiredError extends DomainError {
  constructor() {
    super(
      "MFA_ENROLMENT_REQUIRED",
      "This needs two-factor sign-in: turn it on (startTotpEnrolment, confirmTotpEnrolment), then refresh the session",
    );
  }
}

/**
 * Throws FORBIDDEN, or MFA_ENROLMENT_REQUIRED when one of `roles` is withheld from the viewer's token
 * until they enrol in two-factor sign-in (docs/decisions/0045): for checks made outside `@Authorized`.
 */
export function refuseMissingRole(viewer: Viewer, roles: readonly RoleName[]): never {
  if (roles.some((role) => viewer.mfaWithheldRoles?.includes(role))) throw new MfaEnrolmentRequiredError();
  throw new ForbiddenError();
}

/**
 * type-graphql auth checker: `@Authorized()` needs a signed-in viewer, `@Authorized("PLATFORM_ADMIN")`
 * needs one of the roles. Anonymous calls get UNAUTHENTICATED, missing roles FORBIDDEN (or
 * MFA_ENROLMENT_REQUIRED when the role is held but withheld until two-factor sign-in is on).
 */
export const authChecker: AuthChecker<{ viewer: Viewer | null }, RoleName> = ({ context }, roles) => {
  const viewer = requireViewer(context.viewer);
  if (roles.length === 0 || roles.some((role) => viewer.roles.includes(role))) return true;
  refuseMissingRole(viewer, roles);
};
