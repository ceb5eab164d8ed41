import { randomUUID } from "node:crypto";
import { createLogger, type SubgraphDatabase } from "@pawgraph/subgraph-kit";
import { AttachmentRepository } from "../src/attachment/attachment.repository";
import { openEhrDatabase } from "../src/data-source";
import { HealthRecordKind } from "../src/record/health-record.type";
import { TimelineRepository, type TimelinePageFilter } from "../src/timeline/timeline.repository";

/**
 * Owner-only home notes at the repository level, where the filter lives: the timeline view pages
 * them out for anyone but owners under every filter, and files on them go with them.
 */
let database: SubgraphDatabase;
let timeline: TimelineRepository;
let attachments: AttachmentRepository;

beforeAll(async () => {
  database = await openEhrDatabase(process.env.DATABASE_URL!, createLogger("ehr").child({}, { level: "silent" }));
  timeline = new TimelineRepository(database.dataSource);
  attachments = new AttachmentRepository(database.dataSource);
});
afterAll(() => database.dataSource.destroy());

async function homeNote(petId: string, occurredAt: string, ownerOnly: boolean): Promise<string> {
  const rows: { id: string }[] = await database.dataSource.query(
    `INSERT INTO ehr.home_notes (pet_id, occurred_at, clinic_id, recorded_by, text, owner_only)
     VALUES ($1, $2, NULL, $3, $4, $5) RETURNING id`,
    [petId, occurredAt, randomUUID(), ownerOnly ? "Private" : "Shared", ownerOnly],
  );
  return rows[0]!.id;
}

async function allergy(petId: string, occurredAt: string): Promise<string> {
  const rows: { id: string }[] = await database.dataSource.query(
    `INSERT INTO ehr.allergies (pet_id, occurred_at, clinic_id, recorded_by, substance, severity)
     VALUES ($1, $2, $3, $4, 'Chicken', 'MILD') RETURNING id`,
    [petId, occurredAt, randomUUID(), randomUUID()],
  );
  return rows[0]!.id;
}

async function attachment(petId: string, recordId: string | null): Promise<string> {
  const id = randomUUID();
  await attachments.insert(database.dataSource.manager, {
    id,
    petId,
    recordKind: recordId ? "HOME_NOTE" : null,
    recordId,
    fileName: "photo.png",
    contentType: "image/png",
    sizeBytes: 10,
    storageKey: `ehr/${petId}/${id}`,
    uploadedBy: randomUUID(),
  });
  return id;
}

/** A pet with, newest first: a private note (day 3), a shared note (day 2), an allergy (day 1). */
async function pet() {
  const petId = randomUUID();
  const allergyId = await allergy(petId, "2026-11-01T09:00:00Z");
  const sharedId = await homeNote(petId, "2026-11-02T09:00:00Z", false);
  const privateId = await homeNote(petId, "2026-11-03T09:00:00Z", true);
  return { petId, allergyId, sharedId, privateId };
}

const filter = (overrides: Partial<TimelinePageFilter>): TimelinePageFilter => ({
  kinds: null,
  from: null,
  to: null,
  ownerOnlyNotes: false,
  ...overrides,
});

const ids = async (petIds: string[], f: TimelinePageFilter | undefined, limit = 10) =>
  (await timeline.pages(petIds, { limit, after: undefined, filter: f })).map((row) => row.id);

describe("owner-only home notes in the timeline view", () => {
  it("owners page every entry; others every entry but the private note, under every filter", async () => {
    const { petId, allergyId, sharedId, privateId } = await pet();
    expect(await ids([petId], filter({ ownerOnlyNotes: true }))).toEqual([privateId, sharedId, allergyId]);
    expect(await ids([petId], filter({}))).toEqual([sharedId, allergyId]);
    expect(await ids([petId], filter({ kinds: [HealthRecordKind.HOME_NOTE] }))).toEqual([sharedId]);
    expect(await ids([petId], filter({ from: new Date("2026-11-02T12:00:00Z") }))).toEqual([]);
    expect(await ids([petId], filter({ to: new Date("2026-11-04T00:00:00Z") }))).toEqual([sharedId, allergyId]);
    // A full first page for a carer: the private note takes no slot.
    expect(await ids([petId], filter({}), 1)).toEqual([sharedId]);
    // Fail closed: a caller that passes no filter at all gets no private note either.
    expect(await ids([petId], undefined)).toEqual([sharedId, allergyId]);
  });

  it("pages after a cursor without the private note", async () => {
    const { petId, allergyId, privateId } = await pet();
    const after: [Date, string] = [new Date("2026-11-05T00:00:00Z"), randomUUID()];
    const rows = await timeline.pages([petId], { limit: 10, after, filter: filter({}) });
    expect(rows.map((r) => r.id)).not.toContain(privateId);
    expect(rows.map((r) => r.id)).toContain(allergyId);
  });

  it("only an owner's lookup finds the private note as an attachment target", async () => {
    const { petId, sharedId, privateId } = await pet();
    expect(await timeline.entry(petId, privateId, { ownerOnlyNotes: true })).toEqual({
      id: privateId,
      kind: "HOME_NOTE",
    });
    expect(await timeline.entry(petId, privateId, { ownerOnlyNotes: false })).toBeNull();
    expect(await timeline.entry(petId, sharedId, { ownerOnlyNotes: false })).toEqual({
      id: sharedId,
      kind: "HOME_NOTE",
    });
  });
});

describe("files on owner-only home notes", () => {
  it("are listed for owners only; files on shared notes and on the record as a whole for everyone", async () => {
    const { petId, sharedId, privateId } = await pet();
    const onPrivate = await attachment(petId, privateId);
    const onShared = await attachment(petId, sharedId);
    const onRecord = await attachment(petId, null);
    const listed = async (ownerOnlyNotes: boolean) =>
      (await attachments.ofPets([petId], { ownerOnlyNotes })).map((a) => a.id).sort();
    expect(await listed(true)).toEqual([onPrivate, onShared, onRecord].sort());
    expect(await listed(false)).toEqual([onShared, onRecord].sort());
  });
});
