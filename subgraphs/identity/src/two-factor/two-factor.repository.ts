import { IsNull, Not, type EntityManager } from "typeorm";
import { MfaChallengeEntity } from "./mfa-challenge.entity";
import { RecoveryCodeEntity } from "./recovery-code.entity";
import { TotpCredentialEntity } from "./totp-credential.entity";
import { sha256Hex as sha256 } from "../token-hash";
import { newChallenge, recoveryCodeHash } from "./totp";

/** Queries on authenticators, recovery codes and sign-in challenges; each runs in the caller's transaction. */
export class TwoFactorRepository {
  /** Whether two-factor sign-in is on for the user (a confirmed authenticator). */
  async isEnabled(tx: EntityManager, userId: string): Promise<boolean> {
    return tx.getRepository(TotpCredentialEntity).exists({ where: { userId, confirmedAt: Not(IsNull()) } });
  }

  /** The user's authenticator, locked for the rest of the transaction (codes are checked and spent under it). */
  credentialForUpdate(tx: EntityManager, userId: string): Promise<TotpCredentialEntity | null> {
    return tx.getRepository(TotpCredentialEntity).findOne({ where: { userId }, lock: { mode: "pessimistic_write" } });
  }

  /** A pending authenticator replaces any earlier pending one; a confirmed one is never replaced here. */
  async savePending(tx: EntityManager, userId: string, secret: string): Promise<void> {
    await tx
      .getRepository(TotpCredentialEntity)
      .upsert({ userId, secret, confirmedAt: null, lastUsedStep: null }, ["userId"]);
  }

  async spendStep(tx: EntityManager, userId: string, step: number, confirm = false): Promise<void> {
    await tx
      .getRepository(TotpCredentialEntity)
      .update({ userId }, { lastUsedStep: step, ...(confirm ? { confirmedAt: new Date() } : {}) });
  }

  /** Turns two-factor sign-in off: the authenticator, its recovery codes and open challenges go. */
  async remove(tx: EntityManager, userId: string): Promise<void> {
    await tx.getRepository(MfaChallengeEntity).delete({ userId });
    await tx.getRepository(RecoveryCodeEntity).delete({ userId });
    await tx.getRepository(TotpCredentialEntity).delete({ userId });
  }

  /** Replaces every recovery code of the user with these (already hashed) ones. */
  async replaceRecoveryCodes(tx: EntityManager, userId: string, codes: string[]): Promise<void> {
    await tx.getRepository(RecoveryCodeEntity).delete({ userId });
    await tx
      .getRepository(RecoveryCodeEntity)
      .insert(codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code) })));
  }

  /** Spends an unused recovery code in one statement (two requests with the same code: one wins). */
  async spendRecoveryCode(tx: EntityManager, userId: string, code: string): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(RecoveryCodeEntity)
      .set({ usedAt: () => "now()" })
      .where("user_id = :userId AND code_hash = :hash AND used_at IS NULL", { userId, hash: recoveryCodeHash(code) })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async recoveryCodesLeft(tx: EntityManager, userId: string): Promise<number> {
    return tx.getRepository(RecoveryCodeEntity).count({ where: { userId, usedAt: IsNull() } });
  }

  /** A new sign-in challenge for the user; the caller gets the only copy of its value. */
  async issueChallenge(
    tx: EntityManager,
    userId: string,
    ttlSeconds: number,
  ): Promise<{ challenge: string; expiresAt: Date }> {
    const { challenge, hash } = newChallenge();
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    // Lapsed challenges of the user go as new ones come: the table holds minutes of data per person.
    await tx
      .createQueryBuilder()
      .delete()
      .from(MfaChallengeEntity)
      .where("user_id = :userId AND (expires_at < now() OR used_at IS NOT NULL)", { userId })
      .execute();
    await tx.getRepository(MfaChallengeEntity).insert({ userId, challengeHash: hash, expiresAt });
    return { challenge, expiresAt };
  }

  challenge(db: EntityManager, challenge: string): Promise<MfaChallengeEntity | null> {
    return db.getRepository(MfaChallengeEntity).findOneBy({ challengeHash: sha256(challenge) });
  }

  challengeForUpdate(tx: EntityManager, challenge: string): Promise<MfaChallengeEntity | null> {
    return tx
      .getRepository(MfaChallengeEntity)
      .findOne({ where: { challengeHash: sha256(challenge) }, lock: { mode: "pessimistic_write" } });
  }

  async recordChallengeFailure(tx: EntityManager, id: string, failedAttempts: number, dead: boolean): Promise<void> {
    await tx.getRepository(MfaChallengeEntity).update(id, { failedAttempts, ...(dead ? { usedAt: new Date() } : {}) });
  }

  async spendChallenge(tx: EntityManager, id: string): Promise<void> {
    await tx.getRepository(MfaChallengeEntity).update(id, { usedAt: new Date() });
  }
}
