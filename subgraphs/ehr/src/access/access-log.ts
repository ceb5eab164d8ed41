import type { DataSource, EntityManager } from "typeorm";
import { writeEvent, type BaseContext } from "@pawgraph/subgraph-kit";
import { EHR_SCHEMA, RECORD_ACCESSED } from "../events";
import type { AccessLogLine, AccessLogRepository } from "./access-log.repository";
import type { PetAccess } from "./pet-access";

/**
 * Collects, per request, which pets' records someone other than an owner read, and writes them at
 * the end of the request in one statement; writes are logged inside the writing transaction.
 */
export class RequestAccessLog {
  private readonly reads = new Map<string, AccessLogLine>();

  constructor(
    private readonly ctx: BaseContext,
    private readonly log: AccessLogRepository,
  ) {}

  noteRead(access: PetAccess): void {
    if (!this.reads.has(access.petId)) {
      this.reads.set(access.petId, { petId: access.petId, clinicId: access.clinicIds[0] ?? null, action: "READ" });
    }
  }

  /** Logs a write by a non-owner inside the caller's transaction. */
  async logWrite(manager: EntityManager, access: PetAccess, clinicId: string | null): Promise<void> {
    if (access.relationship === "OWNER") return;
    await this.insert(manager, [{ petId: access.petId, clinicId, action: "WRITE" }]);
  }

  /** Writes the reads noted during the request (called once, when the response is sent). */
  async flush(db: DataSource): Promise<void> {
    if (this.reads.size === 0) return;
    const entries = [...this.reads.values()];
    this.reads.clear();
    await db.transaction((tx) => this.insert(tx, entries));
  }

  /** Log lines and their `record.accessed` events, in the caller's transaction. */
  private async insert(manager: EntityManager, entries: AccessLogLine[]): Promise<void> {
    const { viewer, requestId } = this.ctx;
    if (!viewer || entries.length === 0) return;
    for (const entry of entries) {
      const payload = { petId: entry.petId, viewerId: viewer.userId, clinicId: entry.clinicId, action: entry.action };
      await writeEvent(manager, EHR_SCHEMA, RECORD_ACCESSED.create(entry.petId, payload));
    }
    await this.log.insert(manager, viewer.userId, requestId, entries);
  }
}
