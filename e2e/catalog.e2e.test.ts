import { randomUUID } from "node:crypto";
import { CategoryTreeDocument, ProductPageDocument, VendorBySlugDocument } from "../clients/__generated__/graphql";
import { execute, onlyError, startStack, type Stack } from "./harness";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe("the catalog through the gateway", () => {
  it("answers anonymous visitors: the category tree is public", async () => {
    const result = await execute(stack.gateway.url, CategoryTreeDocument, {});
    expect(result.errors).toBeUndefined();
    expect(Array.isArray(result.data?.categories)).toBe(true);
  });

  it("says NOT_FOUND, naming the argument, for a product or vendor that does not exist", async () => {
    const product = await execute(stack.gateway.url, ProductPageDocument, { id: randomUUID() });
    expect(onlyError(product)).toMatchObject({ path: ["product"], extensions: { code: "NOT_FOUND", field: "id" } });
    const vendor = await execute(stack.gateway.url, VendorBySlugDocument, { slug: "no-such-shop" });
    expect(onlyError(vendor)).toMatchObject({ extensions: { code: "NOT_FOUND", field: "slug" } });
  });
});
