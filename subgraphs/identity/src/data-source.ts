import { openSubgraphDatabase, type SubgraphDatabase, type Logger } from "@pawgraph/subgraph-kit";
import { ClinicMembershipEntity } from "./user/clinic-membership.entity";
import { UserEntity } from "./user/user.entity";
import { VendorMembershipEntity } from "./vendor/vendor-membership.entity";
import { RefreshTokenEntity } from "./session/refresh-token.entity";
import { Initial1764000000000 } from "./migrations/1764000000000-initial";
import { Events1764600000000 } from "./migrations/1764600000000-events";
import { Revocation1765130000000 } from "./migrations/1765130000000-revocation";
import { DropLoginThrottle1765150000000 } from "./migrations/1765150000000-drop-login-throttle";
import { EmailVerification1765200000000 } from "./migrations/1765200000000-email-verification";
import { VendorMemberships1765300000000 } from "./migrations/1765300000000-vendor-memberships";
import { PasswordReset1767004200000 } from "./migrations/1767004200000-password-reset";
import { TwoFactor1767100000000 } from "./migrations/1767100000000-two-factor";
import { MfaChallengeEntity } from "./two-factor/mfa-challenge.entity";
import { RecoveryCodeEntity } from "./two-factor/recovery-code.entity";
import { TotpCredentialEntity } from "./two-factor/totp-credential.entity";
import { ApiKeys1767150000000 } from "./migrations/1767150000000-api-keys";
import { SocialSignIn1767300000000 } from "./migrations/1767300000000-social-sign-in";
import { PrivacyRequests1767400000000 } from "./migrations/1767400000000-privacy-requests";
import { ApiKeyEntity, ApiKeyUsageEntity } from "./api-key/api-key.entity";
import { PasswordResetTokenEntity } from "./password-reset/password-reset-token.entity";
import { EmailVerificationTokenEntity } from "./verification/email-verification-token.entity";

/** identity's tables live in the Postgres schema "identity". */
export function openIdentityDatabase(url: string, log: Logger): Promise<SubgraphDatabase> {
  return openSubgraphDatabase({
    schema: "identity",
    url,
    log,
    entities: [
      UserEntity,
      ClinicMembershipEntity,
      VendorMembershipEntity,
      RefreshTokenEntity,
      EmailVerificationTokenEntity,
      PasswordResetTokenEntity,
      TotpCredentialEntity,
      RecoveryCodeEntity,
      MfaChallengeEntity,
      ApiKeyEntity,
      ApiKeyUsageEntity,
    ],
    migrations: [
      Initial1764000000000,
      Events1764600000000,
      Revocation1765130000000,
      DropLoginThrottle1765150000000,
      EmailVerification1765200000000,
      VendorMemberships1765300000000,
      PasswordReset1767004200000,
      TwoFactor1767100000000,
      ApiKeys1767150000000,
      SocialSignIn1767300000000,
      PrivacyRequests1767400000000,
    ],
  });
}
