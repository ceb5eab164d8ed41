import type { DataSource, EntityManager } from "typeorm";
import { writeEvent, type BaseContext } from "@pawgraph/subgraph-kit";
import { EHR_SCHEMA, RECORD_ACCESSED } from "../events";
import type { PetAccess } from "./pet-access";

interface Entry {
  petId: string;
  clinicId: string | null;
  action: "READ" | "WRITE";
}

/**
 * Collects, per request, which pets' records someone other than an owner read, and writes them at
 * the end of the request in one statement; writes are logged inside the writing transaction.
 */
export class RequestAccessLog {
  private readonly reads = new Map<string, Entry>();

  constructor(private readonly ctx: BaseContext) {}

  noteRead(access: PetAccess): void {
    if (!this.reads.has(access.petId)) {
      this.reads.set(access.petId, { petId: access.petId, clinicId: access.clinicIds[0] ?? null, action: "READ" });
    }
  }

  /** Logs a write by a non-owner inside the caller's transaction. */
  async logWrite(manager: EntityManager, access: PetAccess, clinicId: string | null): Promise<void> {
    if (access.relationship === "OWNER") return;
    await insertEntries(manager, this.ctx, [{ petId: access.petId, clinicId, action: "WRITE" }]);
  }

  /** Writes the reads noted during the request (called once, when the response is sent). */
  async flush(db: DataSource): Promise<void> {
    if (this.reads.size === 0) return;
    const entries = [...this.reads.values()];
    this.reads.clear();
    await db.transaction((tx) => insertEntries(tx, this.ctx, entries));
  }
}

/** Log lines and their `record.accessed` events, in the caller's transaction. */
async function insertEntries(manager: EntityManager, ctx: BaseContext, entries: Entry[]): Promise<void> {
  if (!ctx.viewer || entries.length === 0) return;
  for (const entry of entries) {
    const payload = { petId: entry.petId, viewerId: ctx.viewer.userId, clinicId: entry.clinicId, action: entry.action };
    await writeEvent(manager, EHR_SCHEMA, RECORD_ACCESSED.create(entry.petId, payload));
  }
  await manager.query(
    `INSERT INTO ehr.access_log (pet_id, viewer_id, clinic_id, action, request_id)
     SELECT e.pet_id, $1, e.clinic_id, e.action, $2
     FROM unnest($3::uuid[], $4::uuid[], $5::text[]) AS e(pet_id, clinic_id, action)`,
    [ctx.viewer.userId, ctx.requestId, entries.map((e) => e.petId), entries.map((e) => e.clinicId), entries.map((e) => e.action)],
  );
}
