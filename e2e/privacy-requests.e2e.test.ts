import { strFromU8, unzipSync } from "fflate";
import { Client, Pool } from "pg";
import {
  CancelAccountDeletionDocument,
  DataExportDocument,
  MeDocument,
  MyAccountDeletionDocument,
  MyDataExportsDocument,
  PetOwnersAndInvitationsDocument,
  RequestAccountDeletionDocument,
  RequestDataExportDocument,
} from "../clients/__generated__/graphql";
import { createPet, login, onlyError, PASSWORD, registerVerifiedUser } from "./fixtures";
import { eventually, execute, restartPets, startStack, type Stack } from "./harness";
import { personWithData, privacyWorld, remainingPersonalData, shareOwnership } from "./privacy-fixtures";

const PARTICIPANTS = ["identity", "pets", "ehr", "bookings", "messaging", "catalog", "orders", "ai", "reports"];
const GRACE_SECONDS = 3;

let stack: Stack;
let db: Client;
let pool: Pool;
let world: Awaited<ReturnType<typeof privacyWorld>>;

beforeAll(async () => {
  // Its own database: the file waits on its events reaching every subgraph promptly, messaging's too.
  stack = await startStack({
    ownDatabase: true,
    messaging: { consumeEvents: true },
    privacy: { graceSeconds: GRACE_SECONDS, pollMs: 200 },
  });
  db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  pool = new Pool({ connectionString: stack.databaseUrl, max: 2 });
  world = await privacyWorld(stack);
});
afterAll(async () => {
  await pool?.end();
  await db?.end();
  await stack?.stop();
});

const url = () => stack.gateway.url;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function receiptOf(deletionId: string) {
  const { rows } = await db.query(`SELECT * FROM identity.erasure_receipts WHERE id = $1`, [deletionId]);
  return rows[0] as Record<string, unknown> | undefined;
}

describe("data exports", () => {
  it("hold the person's data from every subgraph, and nothing of anyone else's", async () => {
    const anna = await personWithData(stack, world, "export-anna");
    const bob = await personWithData(stack, world, "export-bob");
    const requested = await execute(url(), RequestDataExportDocument, {}, anna.token);
    expect(requested.errors).toBeUndefined();
    const started = requested.data!.requestDataExport;
    expect(started.parts.map((p) => p.subgraph)).toEqual(PARTICIPANTS);
    // Asking again while it collects is the same export.
    const again = await execute(url(), RequestDataExportDocument, {}, anna.token);
    expect(again.data?.requestDataExport.id).toBe(started.id);

    const ready = await eventually(
      async () => (await execute(url(), DataExportDocument, { id: started.id }, anna.token)).data?.dataExport,
      (found) => found?.status === "READY",
      30_000,
    );
    expect(ready!.parts.every((p) => p.done)).toBe(true);
    expect(ready!.availableUntil).not.toBeNull();

    // Another person's export is not theirs to see.
    const bobs = await execute(url(), DataExportDocument, { id: started.id }, bob.token);
    expect(onlyError(bobs).extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });

    // The link starts at the gateway, which forwards it to identity (docs/decisions/0060).
    expect(ready!.downloadUrl!.startsWith(`${new URL(url()).origin}/files/identity/`)).toBe(true);
    const response = await fetch(ready!.downloadUrl!);
    expect(response.status).toBe(200);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(["README.txt", ...PARTICIPANTS.map((s) => `${s}.json`)].sort());
    const parts = Object.fromEntries(
      PARTICIPANTS.map((s) => [s, JSON.parse(strFromU8(files[`${s}.json`]!)) as ExportPart]),
    );
    const rowsIn = (subgraph: string, table: string) => parts[subgraph]!.tables[table]!.rows;
    expect(rowsIn("identity", "users")).toEqual([expect.objectContaining({ id: anna.user.id, email: anna.email })]);
    expect(rowsIn("pets", "pet_owners")).toEqual([expect.objectContaining({ pet_id: anna.pet.id })]);
    expect(rowsIn("ehr", "home_notes")).toEqual([expect.objectContaining({ text: "export-anna likes the lake" })]);
    expect(rowsIn("bookings", "appointments")).toEqual([expect.objectContaining({ id: anna.booking.id })]);
    expect(rowsIn("ai", "assistant_threads")).toHaveLength(1);
    expect(rowsIn("catalog", "vendors")).toHaveLength(1);
    expect(rowsIn("orders", "carts")).toHaveLength(1);
    // Each table says what it is for.
    expect(parts.orders!.tables.orders!.about).toMatch(/bookkeeping/i);
    // Secrets never travel: no column holding a password hash or a token hash (tables may be named so).
    const text = Object.values(files)
      .map((bytes) => strFromU8(bytes))
      .join("\n");
    expect(text).not.toMatch(/"[a-z_]*(hash|password)[a-z_]*": "/);
    // Bob has the same kinds of data in every subgraph: none of it is in Anna's export.
    expect(text).not.toContain(bob.user.id);
    expect(text).not.toContain(bob.email);
    expect(text).not.toContain(bob.pet.id);

    const mine = await execute(url(), MyDataExportsDocument, {}, anna.token);
    expect(mine.data?.myDataExports?.map((e) => e.id)).toEqual([started.id]);
  });

  it("a link that was altered is refused", async () => {
    const carol = await registerVerifiedUser(stack, "export-carol");
    const id = (await execute(url(), RequestDataExportDocument, {}, carol.token)).data!.requestDataExport.id;
    const ready = await eventually(
      async () => (await execute(url(), DataExportDocument, { id }, carol.token)).data?.dataExport,
      (found) => found?.status === "READY",
      30_000,
    );
    const link = new URL(ready!.downloadUrl!);
    link.searchParams.set("exp", String(Number(link.searchParams.get("exp")) + 3600));
    expect((await fetch(link)).status).toBe(403);
  });
});

describe("account deletion", () => {
  it("asks for the password, and is cancelled within its grace period", async () => {
    const dora = await registerVerifiedUser(stack, "delete-dora");
    const wrong = await execute(url(), RequestAccountDeletionDocument, { input: { password: "not it" } }, dora.token);
    expect(onlyError(wrong).extensions).toMatchObject({ code: "INCORRECT_PASSWORD", field: "input.password" });

    const requested = await execute(
      url(),
      RequestAccountDeletionDocument,
      { input: { password: PASSWORD } },
      dora.token,
    );
    const deletion = requested.data!.requestAccountDeletion;
    expect(deletion.status).toBe("SCHEDULED");
    const grace = Date.parse(deletion.erasureDueAt) - Date.parse(deletion.requestedAt);
    expect(Math.round(grace / 1000)).toBe(GRACE_SECONDS);

    const cancelled = await execute(url(), CancelAccountDeletionDocument, {}, dora.token);
    expect(cancelled.data?.cancelAccountDeletion.id).toBe(deletion.id);
    expect((await execute(url(), MyAccountDeletionDocument, {}, dora.token)).data?.myAccountDeletion).toBeNull();
    // Past the grace period and several scheduler ticks: the account is still there.
    await sleep(GRACE_SECONDS * 1000 + 1000);
    expect((await execute(url(), MeDocument, {}, dora.token)).data?.me?.id).toBe(dora.user.id);
    expect((await login(stack, dora.email)).data?.login.__typename).toBe("AuthPayload");
    const none = await execute(url(), CancelAccountDeletionDocument, {}, dora.token);
    expect(onlyError(none).extensions).toMatchObject({ code: "NOT_FOUND" });
  });

  it("erases the person in every subgraph, keeps the other owner's pet and its record, and deletes the account last", async () => {
    const erin = await personWithData(stack, world, "delete-erin");
    const finn = await registerVerifiedUser(stack, "delete-finn");
    const shared = await createPet(stack, erin.token, { name: "Shared" });
    await shareOwnership(stack, erin, finn, shared.id);
    const requested = await execute(
      url(),
      RequestAccountDeletionDocument,
      { input: { password: PASSWORD } },
      erin.token,
    );
    const deletionId = requested.data!.requestAccountDeletion.id;

    const receipt = await eventually(() => receiptOf(deletionId), Boolean, 45_000);
    // The receipt names nobody: dates and counts per subgraph.
    expect(Object.keys(receipt!.rows_by_subgraph as object).sort()).toEqual([...PARTICIPANTS].sort());
    expect(JSON.stringify(receipt)).not.toContain(erin.user.id);
    expect(JSON.stringify(receipt)).not.toContain(erin.email);

    // Every listed table, in every subgraph: nothing about Erin is left.
    expect(await remainingPersonalData(pool, { userId: erin.user.id, email: erin.email })).toEqual({});
    // The account is gone: no sign-in, and the old token works no more.
    expect((await login(stack, erin.email)).data?.login.__typename).not.toBe("AuthPayload");
    expect((await execute(url(), MeDocument, {}, erin.token)).data?.me ?? null).toBeNull();

    // Finn's pet stays with Finn; Erin's own pet is gone.
    const kept = await execute(url(), PetOwnersAndInvitationsDocument, { id: shared.id }, finn.token);
    expect(kept.data?.pet?.owners.map((o) => o?.id)).toEqual([finn.user.id]);
    const sole = await db.query(`SELECT 1 FROM pets.pets WHERE id = $1`, [erin.pet.id]);
    expect(sole.rows).toEqual([]);
    // The clinic keeps its appointment history, without Erin.
    const visit = await db.query<{ holder_id: string }>(`SELECT holder_id FROM bookings.appointments WHERE id = $1`, [
      erin.booking.id,
    ]);
    expect(visit.rows).toHaveLength(1);
    expect(visit.rows[0]!.holder_id).not.toBe(erin.user.id);
  });

  it("a subgraph that was down does its share when it is back, and the account waits for it", async () => {
    const gus = await registerVerifiedUser(stack, "delete-gus");
    const pet = await createPet(stack, gus.token, { name: "Waits" });
    await stack.pets.stop();
    let petsDown = true;
    try {
      const requested = await execute(
        url(),
        RequestAccountDeletionDocument,
        { input: { password: PASSWORD } },
        gus.token,
      );
      const deletionId = requested.data!.requestAccountDeletion.id;
      const parts = async () =>
        (
          await db.query<{ subgraph: string }>(
            `SELECT subgraph FROM identity.account_deletion_parts WHERE deletion_id = $1 ORDER BY subgraph`,
            [deletionId],
          )
        ).rows.map((r) => r.subgraph);
      // Everyone but pets confirms; identity keeps the account until pets has.
      await eventually(parts, (done) => done.length === PARTICIPANTS.length - 2, 45_000);
      expect(await parts()).not.toContain("pets");
      expect(await receiptOf(deletionId)).toBeUndefined();
      expect((await db.query(`SELECT 1 FROM identity.users WHERE id = $1`, [gus.user.id])).rows).toHaveLength(1);

      await restartPets(stack, { stopped: true });
      petsDown = false;
      await eventually(() => receiptOf(deletionId), Boolean, 45_000);
      expect((await db.query(`SELECT 1 FROM pets.pets WHERE id = $1`, [pet.id])).rows).toEqual([]);
      expect(await remainingPersonalData(pool, { userId: gus.user.id, email: gus.email })).toEqual({});
    } finally {
      if (petsDown) await restartPets(stack, { stopped: true });
    }
  });
});

interface ExportPart {
  subgraph: string;
  tables: Record<string, { about: string; rows: Record<string, unknown>[] }>;
}
