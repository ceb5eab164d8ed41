import { buildSchema, isObjectType } from "graphql";
import { readFileSync } from "node:fs";
import { Client } from "pg";
import { resolve } from "node:path";
import { StartConversationDocument } from "../clients/__generated__/graphql";
import { ownerWithPet } from "./bookings-fixtures";
import { buildShopProduct } from "./catalog-review-fixtures";
import { approvedVendor } from "./catalog-fixtures";
import { adminToken, execute, post, registerClinic, registerClinicMember, startStack, type Stack } from "./harness";

/**
 * Every connection refuses a cursor it did not hand out with BAD_USER_INPUT on `after`, through the
 * gateway, before any query runs: never an internal error. The kit's `paginate` checks each part of a
 * keyset (docs/decisions/0005); before it, a cursor of the right length whose id part was not a uuid
 * or whose date was not a date reached Postgres and came back as INTERNAL_SERVER_ERROR.
 */
const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString("base64url");
const FORGED: Record<string, string> = {
  "not base64 JSON": "%%%not-a-cursor",
  "not a list": cursor({ seq: 1 }),
  "too long": cursor(["2026-01-01T00:00:00.000Z", "1", "x"]),
  "a date that is not one, then an id": cursor(["not-a-date", "0b9a4c2e-8d1f-4e6a-a7b3-5c2d9e8f1a22"]),
  "a date, then an id that is not a uuid": cursor(["2026-01-01T00:00:00.000Z", "not-a-uuid"]),
  "a name, then an id that is not a uuid": cursor(["Vet clinic", "1; drop table"]),
  "a distance, then an id that is not a uuid": cursor([1.5, "not-a-uuid"]),
  "a sequence that is not digits": cursor(["12 OR 1=1"]),
  "a sequence past bigint": cursor(["123456789012345678901234567890"]),
  "a negative sequence": cursor([-1]),
};

interface Case {
  query: string;
  variables: Record<string, unknown>;
  token: string;
  /** Shapes of FORGED that happen to be a valid cursor here (clinics by name sort by any string). */
  valid?: string[];
}

let stack: Stack;
let cases: Record<string, Case>;

beforeAll(async () => {
  stack = await startStack();
  const { owner, petId } = await ownerWithPet(stack);
  const { clinicId } = await registerClinic(stack);
  const vet = await registerClinicMember(stack, clinicId, "VET");
  const started = await execute(
    stack.gateway.url,
    StartConversationDocument,
    { input: { clinicId, petId, subject: "Cursors", text: "Hello" } },
    owner.token,
  );
  if (!started.data) throw new Error(JSON.stringify(started.errors));
  const conversationId = started.data.startConversation.id;
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const { productId } = await buildShopProduct(db).finally(() => db.end());
  const shop = await approvedVendor(stack, "cursor-shop");
  const page = "edges { cursor } pageInfo { hasNextPage }";
  const ofPet = (field: string): Case => ({
    query: `query($id: ID!, $after: String) { pet(id: $id) { ${field}(after: $after) { ${page} } } }`,
    variables: { id: petId },
    token: owner.token,
  });
  cases = {
    "Query.clinics": {
      query: `query($after: String) { clinics(after: $after) { ${page} } }`,
      variables: {},
      token: owner.token,
      valid: ["a date that is not one, then an id"],
    },
    "Query.clinics(near)": {
      query: `query($after: String) { clinics(near: { lat: 52.52, lng: 13.4, radiusKm: 50 }, after: $after) { ${page} } }`,
      variables: {},
      token: owner.token,
    },
    "Query.clinicCalendar": {
      query: `query($clinicId: ID!, $from: DateTimeISO!, $to: DateTimeISO!, $after: String) { clinicCalendar(clinicId: $clinicId, from: $from, to: $to, after: $after) { ${page} } }`,
      variables: { clinicId, from: new Date().toISOString(), to: new Date(Date.now() + 7 * 86_400_000).toISOString() },
      token: vet.token,
    },
    "Query.myConversations": {
      query: `query($after: String) { myConversations(after: $after) { ${page} } }`,
      variables: {},
      token: owner.token,
    },
    "Query.notifications": {
      query: `query($after: String) { notifications(after: $after) { ${page} } }`,
      variables: {},
      token: owner.token,
    },
    "Query.myPets": {
      query: `query($after: String) { myPets(after: $after) { ${page} } }`,
      variables: {},
      token: owner.token,
    },
    "User.upcomingBookings": {
      query: `query($after: String) { me { upcomingBookings(after: $after) { ${page} } } }`,
      variables: {},
      token: owner.token,
    },
    "User.pets": {
      query: `query($after: String) { me { pets(after: $after) { ${page} } } }`,
      variables: {},
      token: owner.token,
    },
    "Query.searchProducts": {
      query: `query($after: String) { searchProducts(after: $after) { ${page} } }`,
      variables: {},
      token: owner.token,
    },
    "Query.searchProducts(query)": {
      query: `query($after: String) { searchProducts(query: "chicken", sort: PRICE_ASC, after: $after) { ${page} } }`,
      variables: {},
      token: owner.token,
    },
    "Pet.bookings": ofPet("bookings"),
    "Pet.healthTimeline": ofPet("healthTimeline"),
    "Pet.recordAccessLog": ofPet("recordAccessLog"),
    "Pet.weightHistory": ofPet("weightHistory"),
    "Product.reviews": {
      query: `query($id: ID!, $after: String) { product(id: $id) { reviews(after: $after) { ${page} } } }`,
      variables: { id: productId },
      token: owner.token,
    },
    "Vendor.products": {
      query: `query($id: ID!, $after: String) { vendor(id: $id) { products(after: $after) { ${page} } } }`,
      variables: { id: shop.vendorId },
      token: shop.token,
    },
    "Query.vendors": {
      query: `query($after: String) { vendors(after: $after) { ${page} } }`,
      variables: {},
      token: owner.token,
    },
    "Query.myOrders": {
      query: `query($after: String) { myOrders(after: $after) { ${page} } }`,
      variables: {},
      token: owner.token,
    },
    "Query.myCarePlans": {
      query: `query($after: String) { myCarePlans(after: $after) { ${page} } }`,
      variables: {},
      token: owner.token,
    },
    "Query.vendorOrders": {
      query: `query($vendorId: ID!, $after: String) { vendorOrders(vendorId: $vendorId, after: $after) { ${page} } }`,
      variables: { vendorId: shop.vendorId },
      token: shop.token,
    },
    "Query.myVendors": {
      query: `query($after: String) { myVendors(after: $after) { ${page} } }`,
      variables: {},
      token: owner.token,
    },
    "Query.assistantThreads": {
      query: `query($after: String) { assistantThreads(after: $after) { ${page} } }`,
      variables: {},
      token: owner.token,
    },
    "Query.knowledgeDocuments": {
      query: `query($after: String) { knowledgeDocuments(after: $after) { ${page} } }`,
      variables: {},
      token: await adminToken(stack),
    },
    "Conversation.messages": {
      query: `query($id: ID!, $after: String) { conversation(id: $id) { messages(after: $after) { ${page} } } }`,
      variables: { id: conversationId },
      token: owner.token,
    },
  };
}, 120_000);
afterAll(() => stack.stop());

it("covers every connection in the public schema", () => {
  const schema = buildSchema(readFileSync(resolve(__dirname, "../schema.graphql"), "utf8"));
  const connections = Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => field.args.some((arg) => arg.name === "after"))
        .map((field) => `${type.name}.${field.name}`),
    );
  expect(new Set(Object.keys(cases).map((name) => name.replace(/\(.*\)$/, "")))).toEqual(new Set(connections));
});

it("answers each connection's first page (the cases reach their fields)", async () => {
  for (const [name, { query, variables, token }] of Object.entries(cases)) {
    const answer = await post(stack.gateway.url, { query, variables }, token);
    expect({ name, errors: answer.errors }).toEqual({ name, errors: undefined });
  }
});

describe.each(Object.entries(FORGED))("a cursor that is %s", (shape, after) => {
  it("is BAD_USER_INPUT on after at every connection", async () => {
    for (const [name, { query, variables, token, valid }] of Object.entries(cases)) {
      const answer = await post(stack.gateway.url, { query, variables: { ...variables, after } }, token);
      const refused = [expect.objectContaining({ code: "BAD_USER_INPUT", field: "after" })];
      expect({ name, status: answer.status, errors: answer.errors?.map((e) => e.extensions) }).toEqual({
        name,
        status: 200,
        errors: valid?.includes(shape) ? undefined : refused,
      });
    }
  });
});
