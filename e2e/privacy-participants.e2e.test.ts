import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { DataSource } from "typeorm";
import {
  createLogger,
  ERASURE_DUE_CONTRACT,
  EXPORT_REQUESTED_CONTRACT,
  exportPartKey,
  openEventDataSource,
  openPrivacyFileStore,
  writeEvent,
  type FileStore,
} from "@pawgraph/subgraph-kit";
import { createPet, eventually, registerUser, startStack, type Stack } from "./harness";

/**
 * Every subgraph but identity and messaging takes its part in a privacy request (docs/decisions/0048):
 * identity's request is written to its outbox here (as identity's service will), its relay publishes
 * it, and each participant answers from its own outbox after doing its share.
 */
const PARTICIPANTS = ["pets", "ehr", "bookings", "catalog", "orders", "ai", "reports"];

let stack: Stack;
let identity: DataSource;
let files: FileStore;

beforeAll(async () => {
  // Its own database and stream: the answers come promptly, not behind other files' events.
  stack = await startStack({ ownDatabase: true });
  identity = await openEventDataSource(stack.databaseUrl, "identity", createLogger("test-identity-outbox"));
  files = (await openPrivacyFileStore("test")).store;
});
afterAll(async () => {
  await identity.destroy();
  await stack.stop();
});

/** Each participant's answers of `type` about `id`, by subgraph. */
async function answers(type: string, key: string, id: string): Promise<Record<string, Record<string, unknown>>> {
  const found: Record<string, Record<string, unknown>> = {};
  for (const schema of PARTICIPANTS) {
    const rows: { payload: Record<string, unknown> }[] = await identity.query(
      `SELECT payload FROM ${schema}.outbox WHERE type = $1 AND payload->>'${key}' = $2`,
      [type, id],
    );
    if (rows[0]) found[schema] = rows[0].payload;
  }
  return found;
}

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

describe("privacy requests' participants", () => {
  it("each writes its part of an export to the privacy store and answers privacy.export_part_written", async () => {
    const owner = await registerUser(stack, "exporting");
    const pet = await createPet(stack, owner.token, { name: "Pixel" });
    const exportId = randomUUID();
    await identity.transaction((manager) =>
      writeEvent(
        manager,
        "identity",
        EXPORT_REQUESTED_CONTRACT.create(exportId, { exportId, userId: owner.user.id, email: owner.email }),
      ),
    );

    const written = await eventually(
      () => answers("privacy.export_part_written", "exportId", exportId),
      (found) => Object.keys(found).length === PARTICIPANTS.length,
      30_000,
    );
    expect(Object.keys(written).sort()).toEqual([...PARTICIPANTS].sort());
    for (const subgraph of PARTICIPANTS)
      expect(written[subgraph]).toMatchObject({ exportId, subgraph, key: exportPartKey(exportId, subgraph) });

    const part = JSON.parse(await text((await files.read(exportPartKey(exportId, "pets")))!)) as {
      subgraph: string;
      tables: Record<string, { rows: { id?: string; pet_id?: string }[] }>;
    };
    expect(part.subgraph).toBe("pets");
    expect(part.tables.pet_owners!.rows.map((row) => row.pet_id)).toEqual([pet.id]);
  });

  it("each erases its share of a person's data and answers privacy.erasure_completed; pets takes their sole pet", async () => {
    const owner = await registerUser(stack, "leaving");
    const pet = await createPet(stack, owner.token, { name: "Crumb" });
    const deletionId = randomUUID();
    await identity.transaction((manager) =>
      writeEvent(
        manager,
        "identity",
        ERASURE_DUE_CONTRACT.create(deletionId, { deletionId, userId: owner.user.id, email: owner.email }),
      ),
    );

    const completed = await eventually(
      () => answers("privacy.erasure_completed", "deletionId", deletionId),
      (found) => Object.keys(found).length === PARTICIPANTS.length,
      30_000,
    );
    expect(Object.keys(completed).sort()).toEqual([...PARTICIPANTS].sort());
    expect(completed.pets).toMatchObject({ deletionId, subgraph: "pets" });
    expect(completed.pets!.rows).toBeGreaterThanOrEqual(1);
    expect(await identity.query(`SELECT id FROM pets.pets WHERE id = $1`, [pet.id])).toEqual([]);
  });
});
