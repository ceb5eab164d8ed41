import {
  ClinicsByStatusDocument,
  ReviewClinicDocument,
  type ClinicStatus,
  type ClinicsByStatusQuery,
} from "../clients/__generated__/graphql";
import {
  adminToken,
  execute,
  onlyError,
  post,
  type GraphQLResponse,
  registerClinic,
  registerUser,
  startStack,
  type Stack,
} from "./harness";

/*
 * Platform admins' review queue through the gateway: `clinics(status: PENDING)` lists clinics waiting for
 * approval, oldest registered first, to platform admins only; `clinics` without a status stays the
 * public list of approved clinics for everyone, admins included.
 */
let stack: Stack;
let admin: string;
beforeAll(async () => {
  stack = await startStack();
  admin = await adminToken(stack);
});
afterAll(async () => {
  await stack?.stop();
});

/** Every clinic id `clinics(status)` lists to `token`, walking pages of `first`, and how many pages it took. */
async function listAll(token: string, status: ClinicStatus | null, first = 100) {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page: GraphQLResponse<ClinicsByStatusQuery> = await execute(
      stack.gateway.url,
      ClinicsByStatusDocument,
      { status, first, after },
      token,
    );
    if (!page.data?.clinics) throw new Error(`clinics failed: ${JSON.stringify(page.errors)}`);
    pages += 1;
    for (const edge of page.data.clinics.edges) {
      expect(edge.node.status).toBe(status ?? "APPROVED");
      ids.push(edge.node.id);
    }
    if (!page.data.clinics.pageInfo.hasNextPage) return { ids, pages };
    after = page.data.clinics.pageInfo.endCursor!;
  }
}

describe("clinics waiting for approval", () => {
  it("are listed to platform admins only; others get FORBIDDEN naming `status`", async () => {
    const { creator } = await registerClinic(stack, { approve: false });
    const owner = await registerUser(stack, "curious-owner");
    for (const [token, status] of [
      [owner.token, "PENDING"],
      [owner.token, "REJECTED"],
      [creator.token, "PENDING"],
    ] as const) {
      const refused = await execute(stack.gateway.url, ClinicsByStatusDocument, { status, first: 10 }, token);
      expect(onlyError(refused).extensions).toMatchObject({ code: "FORBIDDEN", field: "status" });
      expect(refused.data?.clinics ?? null).toBeNull();
    }
    // APPROVED (or no status) is the public list, for anyone.
    const approved = await execute(
      stack.gateway.url,
      ClinicsByStatusDocument,
      { status: "APPROVED", first: 1 },
      owner.token,
    );
    expect(approved.errors).toBeUndefined();
  });

  it("an approved clinic leaves the queue and joins the default list", async () => {
    const { clinicId } = await registerClinic(stack, { approve: false });
    const pending = await listAll(admin, "PENDING");
    expect(pending.ids).toContain(clinicId);
    expect((await listAll(admin, null)).ids).not.toContain(clinicId);

    const reviewed = await execute(
      stack.gateway.url,
      ReviewClinicDocument,
      { input: { clinicId, approve: true } },
      admin,
    );
    expect(reviewed.data?.reviewClinic.status).toBe("APPROVED");

    expect((await listAll(admin, null)).ids).toContain(clinicId);
    expect((await listAll(admin, "PENDING")).ids).not.toContain(clinicId);
  });

  it("a rejected clinic, with the admin's reason, is listed under REJECTED only", async () => {
    const { clinicId } = await registerClinic(stack, { approve: false });
    const tooLong = await execute(
      stack.gateway.url,
      ReviewClinicDocument,
      { input: { clinicId, approve: false, reason: "x".repeat(1001) } },
      admin,
    );
    expect(onlyError(tooLong).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
    const reason = "The address could not be verified";
    const rejected = await execute(
      stack.gateway.url,
      ReviewClinicDocument,
      { input: { clinicId, approve: false, reason: `  ${reason} ` } },
      admin,
    );
    expect(rejected.data?.reviewClinic.status).toBe("REJECTED");
    const listed = await execute(stack.gateway.url, ClinicsByStatusDocument, { status: "REJECTED", first: 100 }, admin);
    expect(listed.data?.clinics?.edges.find((edge) => edge.node.id === clinicId)?.node).toMatchObject({
      status: "REJECTED",
      statusReason: reason,
    });
    expect((await listAll(admin, "PENDING")).ids).not.toContain(clinicId);
    expect((await listAll(admin, null)).ids).not.toContain(clinicId);
  });

  it("pages through the queue oldest first, each clinic once", async () => {
    const registered: string[] = [];
    for (let i = 0; i < 5; i++) registered.push((await registerClinic(stack, { approve: false })).clinicId);
    const { ids, pages } = await listAll(admin, "PENDING", 2);
    expect(pages).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
    // The five appear in the order they were registered (others may be queued around them).
    expect(ids.filter((id) => registered.includes(id))).toEqual(registered);

    const first = await execute(stack.gateway.url, ClinicsByStatusDocument, { status: "PENDING", first: 2 }, admin);
    const createdAt = first.data!.clinics!.edges.map((edge) => Date.parse(edge.node.createdAt));
    expect(createdAt[0]).toBeLessThanOrEqual(createdAt[1]!);
  });

  it("refuses `near` with a status other than APPROVED, naming it", async () => {
    const refused = await post(
      stack.gateway.url,
      { query: `{ clinics(status: PENDING, near: { lat: 52.5, lng: 13.4, radiusKm: 10 }) { edges { node { id } } } }` },
      admin,
    );
    expect(onlyError(refused).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "near" });
  });
});
