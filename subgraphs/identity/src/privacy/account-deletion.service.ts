import { verify } from "@node-rs/argon2";
import type { DataSource, EntityManager } from "typeorm";
import {
  DomainError,
  ERASURE_DUE_CONTRACT,
  erasePersonalDataIn,
  managerExecutor,
  NotFoundError,
  writeEvent,
  type BaseContext,
  type Logger,
} from "@pawgraph/subgraph-kit";
import { ACCOUNT_DELETION_SCHEDULED, IDENTITY_SCHEMA } from "../events";
import { PERSONAL_DATA } from "../personal-data";
import type { RevocationService } from "../revocation/revocation.service";
import type { SignInLimiter } from "../session/sign-in-limiter";
import { UserEntity } from "../user/user.entity";
import { ERASING_PARTICIPANTS, PRIVACY_PARTICIPANTS } from "./participants";
import { ownSession } from "../session/own-session";
import { partsInOrder, type AccountDeletionRow, type PrivacyRepository } from "./privacy.repository";
import { AccountDeletion, AccountDeletionCancelled, AccountDeletionStatus } from "./privacy.type";

export interface AccountDeletionSettings {
  /** Between the request and erasure, while it can be cancelled (14 days). */
  graceSeconds: number;
}

/** What a locked account's sign-in says while it is being erased. */
const ERASING_REASON = "Account deletion in progress";

/**
 * Account deletion (docs/decisions/0048): a request confirmed with the password, a grace period it
 * can be cancelled in, then `privacy.erasure_due` to every participant; when all have confirmed,
 * identity erases its own rows (the account last) and keeps a receipt with no personal data.
 */
export class AccountDeletionService {
  constructor(
    private readonly db: DataSource,
    private readonly repository: PrivacyRepository,
    private readonly limiter: SignInLimiter,
    private readonly revocations: RevocationService,
    private readonly settings: AccountDeletionSettings,
    private readonly log: Logger,
  ) {}

  async request(ctx: BaseContext, password: string): Promise<AccountDeletion> {
    const viewer = ownSession(ctx, "delete accounts");
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: viewer.userId });
    if (!user) throw new NotFoundError("User");
    // Guessing the password with a stolen access token counts like guessing it at sign-in.
    await this.limiter.takeLogin(ctx.clientIp, user.email);
    if (!(await verify(user.passwordHash, password)))
      throw new DomainError("INCORRECT_PASSWORD", "The password is incorrect", "input.password");
    await this.limiter.loginSucceeded(ctx.clientIp, user.email);
    const row = await this.db.transaction(async (tx) => {
      const locked = await tx
        .getRepository(UserEntity)
        .findOne({ where: { id: user.id }, lock: { mode: "pessimistic_write" } });
      if (!locked) throw new NotFoundError("User");
      const existing = await this.repository.deletionOf(tx, locked.id);
      if (existing) return existing;
      const created = await this.repository.insertDeletion(
        tx,
        locked.id,
        new Date(Date.now() + this.settings.graceSeconds * 1000),
      );
      await writeEvent(
        tx,
        IDENTITY_SCHEMA,
        ACCOUNT_DELETION_SCHEDULED.create(created.id, {
          deletionId: created.id,
          userId: locked.id,
          email: locked.email,
          displayName: locked.displayName,
          erasureDueAt: created.erasureDueAt.toISOString(),
        }),
      );
      return created;
    });
    return this.present(row);
  }

  async cancel(ctx: BaseContext): Promise<AccountDeletionCancelled> {
    const viewer = ownSession(ctx, "cancel account deletions");
    const id = await this.db.transaction(async (tx) => {
      const row = await this.repository.deletionOf(tx, viewer.userId, true);
      if (!row) throw new NotFoundError("Account deletion");
      if (row.erasureStartedAt)
        throw new DomainError("ACCOUNT_DELETION_IN_PROGRESS", "Erasure has started and cannot be stopped");
      await this.repository.removeDeletion(tx, row.id);
      return row.id;
    });
    return Object.assign(new AccountDeletionCancelled(), { id });
  }

  async mine(ctx: BaseContext): Promise<AccountDeletion | null> {
    const viewer = ownSession(ctx, "read account deletions");
    const row = await this.repository.deletionOf(this.db.manager, viewer.userId);
    return row ? this.present(row) : null;
  }

  /**
   * Starts erasure for deletions past their grace period (the scheduler's tick): each account is
   * locked and its tokens revoked, and `privacy.erasure_due` goes out, in one transaction. Returns how many.
   */
  async startDue(limit = 20): Promise<number> {
    const started = await this.db.transaction(async (tx) => {
      const due = await this.repository.claimDueDeletions(tx, limit);
      for (const deletion of due) {
        const user = await tx
          .getRepository(UserEntity)
          .findOne({ where: { id: deletion.userId }, lock: { mode: "pessimistic_write" } });
        if (!user) continue;
        await tx.getRepository(UserEntity).update(user.id, { lockedAt: new Date(), lockedReason: ERASING_REASON });
        await this.revocations.revokeUser(tx, user.id);
        await writeEvent(
          tx,
          IDENTITY_SCHEMA,
          ERASURE_DUE_CONTRACT.create(deletion.id, { deletionId: deletion.id, userId: user.id, email: user.email }),
        );
      }
      return due.length;
    });
    if (started > 0) {
      await this.revocations.published();
      this.log.info({ started }, "account erasures started");
    }
    return started;
  }

  /**
   * A participant confirmed its erasure, in the answer consumer's transaction. When every one has,
   * identity erases its own rows by its list (the account and this request with it) and records the
   * receipt: the request's dates and each subgraph's count, nobody's id or address.
   */
  async erasureCompleted(tx: EntityManager, answer: { deletionId: string; subgraph: string; rows: number }) {
    const deletion = await this.repository.lockDeletion(tx, answer.deletionId);
    if (!deletion?.erasureStartedAt) return; // finished already (a redelivery), or not this identity's
    const parts = await this.repository.addDeletionPart(tx, deletion.id, answer.subgraph, answer.rows);
    if (!ERASING_PARTICIPANTS.every((subgraph) => parts.some((part) => part.subgraph === subgraph))) return;
    const user = await this.repository.contactOf(tx, deletion.userId);
    const changed = await erasePersonalDataIn(managerExecutor(tx), PERSONAL_DATA, {
      userId: deletion.userId,
      email: user?.email ?? null,
    });
    const rowsBySubgraph = Object.fromEntries(parts.map((part) => [part.subgraph, part.rows]));
    rowsBySubgraph.identity = Object.values(changed).reduce((sum, n) => sum + n, 0);
    await this.repository.insertReceipt(tx, deletion, rowsBySubgraph);
    this.log.info({ deletionId: deletion.id }, "account erased in every subgraph");
  }

  private async present(row: AccountDeletionRow): Promise<AccountDeletion> {
    const done = await this.repository.deletionParts(this.db.manager, row.id);
    return Object.assign(new AccountDeletion(), {
      id: row.id,
      status: row.erasureStartedAt ? AccountDeletionStatus.ERASING : AccountDeletionStatus.SCHEDULED,
      requestedAt: row.requestedAt,
      erasureDueAt: row.erasureDueAt,
      parts: partsInOrder(PRIVACY_PARTICIPANTS, done),
    });
  }
}
