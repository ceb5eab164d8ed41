import { print } from "graphql";
import { Client } from "pg";
import {
  MeDocument,
  type ProductSort,
  SearchProductsDocument,
  SearchProductsPageDocument,
  type ProductSearchFilter,
} from "../clients/__generated__/graphql";
import { buildCategory, buildProduct, buildReservation, buildVariant, buildVendor } from "./catalog-corpus";
import { execute, onlyError, registerUser, startStack, type Stack } from "./harness";

/**
 * Shop search through the gateway on a small fixed corpus in a database of its own (so counts are
 * exact): relevance, typo tolerance, accents, facets, filters, sorts, stable paging, what anonymous
 * shoppers never see, and bad input.
 */
let stack: Stack;
let db: Client;
const ids: Record<string, string> = {};
const categories: Record<string, string> = {};
const vendors: Record<string, string> = {};

const search = (variables: {
  query?: string;
  filter?: ProductSearchFilter;
  sort?: ProductSort;
  first?: number;
  after?: string;
}) => execute(stack.gateway.url, SearchProductsDocument, variables);

const titles = async (variables: Parameters<typeof search>[0]) => {
  const result = await search(variables);
  expect(result.errors).toBeUndefined();
  return result.data!.searchProducts!.edges.map((edge) => edge.node.title);
};

beforeAll(async () => {
  stack = await startStack({ ownDatabase: true });
  db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  categories.dogs = await buildCategory(db, "Dogs", "dogs");
  categories.dogFood = await buildCategory(db, "Food", "food", "dogs");
  categories.dryFood = await buildCategory(db, "Dry food", "dry-food", "dogs/food");
  categories.dogToys = await buildCategory(db, "Toys", "toys", "dogs");
  categories.cats = await buildCategory(db, "Cats", "cats");
  categories.catFood = await buildCategory(db, "Food", "food", "cats");
  vendors.paws = await buildVendor(db, { name: "Happy Paws" });
  vendors.barking = await buildVendor(db, { name: "Barking Mad" });
  vendors.pending = await buildVendor(db, { name: "Pending Pets", status: "PENDING" });
  vendors.suspended = await buildVendor(db, { name: "Suspended Supplies", status: "SUSPENDED" });

  const product = async (
    key: string,
    row: Omit<Parameters<typeof buildProduct>[1], "vendorId" | "categoryId"> & { vendor: string; category: string },
    variant: Omit<Parameters<typeof buildVariant>[1], "productId">,
  ) => {
    ids[key] = await buildProduct(db, {
      ...row,
      vendorId: vendors[row.vendor]!,
      categoryId: categories[row.category]!,
    });
    return buildVariant(db, { ...variant, productId: ids[key]! });
  };
  await product(
    "kibble",
    {
      vendor: "paws",
      category: "dryFood",
      title: "Chicken kibble for adult dogs",
      brand: "Acana",
      description: "Grain-free kibble made with free-run chicken and whole vegetables.",
      species: ["DOG"],
      lifeStages: ["ADULT"],
    },
    { priceMinor: 2999, onHand: 10 },
  );
  await product(
    "salmon",
    {
      vendor: "paws",
      category: "dryFood",
      title: "Salmon kibble for puppies",
      brand: "Orijen",
      description: "Wild salmon recipe for growing puppies, with a little chicken fat for energy.",
      species: ["DOG"],
      lifeStages: ["JUNIOR"],
    },
    { priceMinor: 3499, onHand: 0 },
  );
  const rope = await product(
    "rope",
    { vendor: "barking", category: "dogToys", title: "Squeaky rope toy", brand: "Kong", species: ["DOG"] },
    { priceMinor: 899, onHand: 5 },
  );
  await buildReservation(db, rope as Required<typeof rope>, 5, 900);
  await product(
    "pate",
    {
      vendor: "barking",
      category: "catFood",
      title: "Tuna pâté for senior cats",
      brand: "Café Chat",
      description: "Soft tuna in jelly for older cats.",
      species: ["CAT"],
      lifeStages: ["SENIOR"],
      ratings: [2, 10],
    },
    { priceMinor: 1299, onHand: 3, outOfStockThreshold: 3 },
  );
  await product(
    "flea",
    {
      vendor: "paws",
      category: "dogs",
      title: "Flea tablets for dogs",
      brand: "Vetcare",
      description: "Chewable tablets against fleas and ticks for three months.",
      species: ["DOG"],
      prescriptionOnly: true,
      ratings: [1, 4],
    },
    { priceMinor: 4599, onHand: 20 },
  );
  const catFood = await product(
    "catFood",
    {
      vendor: "barking",
      category: "catFood",
      title: "Chicken & rice cat food",
      brand: "Acana",
      description: "Complete food for adult cats.",
      species: ["CAT"],
      lifeStages: ["ADULT"],
    },
    { priceMinor: 1899, onHand: 7 },
  );
  await buildReservation(db, catFood as Required<typeof catFood>, 7, -60);
  // Never shown to anyone searching: a draft, an archived product, and the products of a pending
  // and a suspended vendor, all about chicken.
  await product(
    "draft",
    { vendor: "paws", category: "dogFood", title: "Chicken jerky treats", status: "DRAFT" },
    { priceMinor: 599, onHand: 9 },
  );
  await product(
    "archived",
    { vendor: "paws", category: "dogFood", title: "Chicken old recipe", status: "ARCHIVED" },
    { priceMinor: 599, onHand: 9 },
  );
  await product(
    "pendingVendor",
    { vendor: "pending", category: "dogFood", title: "Chicken broth for dogs" },
    { priceMinor: 599, onHand: 9 },
  );
  await product(
    "suspendedVendor",
    { vendor: "suspended", category: "dogFood", title: "Chicken liver snacks" },
    { priceMinor: 599, onHand: 9 },
  );
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

const VISIBLE = ["kibble", "salmon", "rope", "pate", "flea", "catFood"];
const idsOf = (keys: string[]) => keys.map((key) => ids[key]);

describe("searching the shop anonymously", () => {
  it("ranks a title match above a description match and highlights the description", async () => {
    const result = await search({ query: "chicken" });
    expect(result.errors).toBeUndefined();
    const edges = result.data!.searchProducts!.edges;
    const order = edges.map((edge) => edge.node.id);
    expect(order.slice(0, 3).sort()).toEqual(idsOf(["kibble", "catFood", "salmon"]).sort());
    expect(order.indexOf(ids.salmon!)).toBe(2);
    expect(edges[0]!.score).toBeGreaterThan(edges[2]!.score);
    expect(edges.find((edge) => edge.node.id === ids.salmon)!.snippet).toContain("**chicken**");
    expect(edges.find((edge) => edge.node.id === ids.catFood)!.snippet).toBeNull();
  });

  it("stems English words and ignores accents", async () => {
    expect(await titles({ query: "puppy" })).toEqual(["Salmon kibble for puppies"]);
    expect(await titles({ query: "pate" })).toEqual(["Tuna pâté for senior cats"]);
    expect((await titles({ query: "cafe chat" }))[0]).toBe("Tuna pâté for senior cats");
  });

  it("finds the category's words (brand and category weigh more than the description)", async () => {
    const found = await titles({ query: "toys" });
    expect(found[0]).toBe("Squeaky rope toy");
  });

  it("forgives a typo: chiken finds chicken by title, and a misspelt brand is found", async () => {
    const found = await titles({ query: "chiken" });
    expect(found).toEqual(expect.arrayContaining(["Chicken kibble for adult dogs", "Chicken & rice cat food"]));
    expect(found).not.toContain("Chicken jerky treats");
    expect(await titles({ query: "Vetcar" })).toEqual(["Flea tablets for dogs"]);
  });

  it("never shows drafts, archived products, or the products of pending or suspended vendors", async () => {
    const everything = await search({ first: 100 });
    expect(everything.data!.searchProducts!.edges.map((edge) => edge.node.id).sort()).toEqual(idsOf(VISIBLE).sort());
    expect(everything.data!.searchProducts!.totalCount).toBe(VISIBLE.length);
    const chicken = await titles({ query: "chicken jerky broth liver old" });
    expect(chicken).not.toEqual(expect.arrayContaining([expect.stringMatching(/jerky|broth|liver|old recipe/)]));
  });

  it("counts facets over the whole result: categories, vendors and price bands add up to the total", async () => {
    for (const variables of [{}, { query: "chicken" }, { filter: { species: "DOG" as const } }]) {
      const result = await search({ ...variables, first: 1 });
      expect(result.errors).toBeUndefined();
      const { totalCount, facets } = result.data!.searchProducts!;
      const sum = (list: { count: number }[]) => list.reduce((total, facet) => total + facet.count, 0);
      expect(sum(facets.categories)).toBe(totalCount);
      expect(sum(facets.vendors)).toBe(totalCount);
      expect(sum(facets.priceBands)).toBe(totalCount);
    }
    const all = (await search({})).data!.searchProducts!.facets;
    expect(all.categories).toEqual(
      expect.arrayContaining([
        { count: 2, category: { id: categories.dryFood, path: "dogs/food/dry-food" } },
        { count: 2, category: { id: categories.catFood, path: "cats/food" } },
      ]),
    );
    expect(all.species).toEqual([
      { species: "DOG", count: 4 },
      { species: "CAT", count: 2 },
    ]);
    expect(all.brands[0]).toEqual({ brand: "Acana", count: 2 });
    expect(all.vendors.map((facet) => [facet.vendor?.name, facet.count]).sort()).toEqual([
      ["Barking Mad", 3],
      ["Happy Paws", 3],
    ]);
    expect(all.priceBands).toEqual([
      { minMinor: 0, maxMinor: 1000, count: 1 },
      { minMinor: 1000, maxMinor: 2500, count: 2 },
      { minMinor: 2500, maxMinor: 5000, count: 3 },
    ]);
  });

  it("applies each filter, and filters combine", async () => {
    const found = async (filter: ProductSearchFilter, query?: string) =>
      (await search({ filter, query, first: 100 })).data!.searchProducts!.edges.map((edge) => edge.node.id).sort();
    expect(await found({ categoryId: categories.dogs })).toEqual(idsOf(["kibble", "salmon", "rope", "flea"]).sort());
    expect(await found({ species: "CAT", maxPriceMinor: 1500 })).toEqual(idsOf(["pate"]));
    // Out of stock: nothing on hand (salmon), all reserved by a cart (rope), at the threshold (pate);
    // an expired reservation holds nothing back (cat food).
    expect(await found({ inStock: true })).toEqual(idsOf(["kibble", "flea", "catFood"]).sort());
    expect(await found({ categoryId: categories.dogs, inStock: true, prescriptionOnly: false })).toEqual(
      idsOf(["kibble"]),
    );
    expect(await found({ prescriptionOnly: true })).toEqual(idsOf(["flea"]));
    expect(await found({ minRating: 4.5 })).toEqual(idsOf(["pate"]));
    expect(await found({ vendorId: vendors.barking })).toEqual(idsOf(["rope", "pate", "catFood"]).sort());
    expect(await found({ lifeStage: "ADULT" })).toEqual(idsOf(["kibble", "rope", "flea", "catFood"]).sort());
    expect(await found({ minPriceMinor: 1299, maxPriceMinor: 2999 })).toEqual(
      idsOf(["kibble", "pate", "catFood"]).sort(),
    );
    expect(await found({ vendorId: vendors.barking, species: "CAT" }, "chicken")).toEqual(idsOf(["catFood"]));
    expect(await found({ vendorId: vendors.pending })).toEqual([]);
  });

  it("sorts by price, newest and rating", async () => {
    const order = async (sort: ProductSort) =>
      (await search({ sort, first: 100 })).data!.searchProducts!.edges.map((edge) => edge.node.id);
    expect(await order("PRICE_ASC" as const)).toEqual(idsOf(["rope", "pate", "catFood", "kibble", "salmon", "flea"]));
    expect(await order("PRICE_DESC" as const)).toEqual(idsOf(["flea", "salmon", "kibble", "catFood", "pate", "rope"]));
    expect(await order("NEWEST" as const)).toEqual(idsOf([...VISIBLE].reverse()));
    expect((await order("RATING" as const)).slice(0, 2)).toEqual(idsOf(["pate", "flea"]));
  });

  it.each([
    [undefined, undefined],
    ["chicken", undefined],
    ["chiken", undefined],
    [undefined, "PRICE_ASC" as const],
    [undefined, "PRICE_DESC" as const],
    [undefined, "RATING" as const],
    ["food", "NEWEST" as const],
  ])("pages query %s sorted %s one by one with neither duplicates nor gaps", async (query, sort) => {
    const whole = await execute(stack.gateway.url, SearchProductsPageDocument, { query, sort, first: 100 });
    const expected = whole.data!.searchProducts!.edges.map((edge) => edge.node.id);
    expect(expected.length).toBeGreaterThan(0);
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const result = await execute(stack.gateway.url, SearchProductsPageDocument, { query, sort, first: 2, after });
      expect(result.errors).toBeUndefined();
      const { edges, pageInfo } = result.data!.searchProducts!;
      seen.push(...edges.map((edge) => edge.node.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor!;
    }
    expect(seen).toEqual(expected);
  });
});

describe("bad input", () => {
  it.each([
    ["a query over 200 characters", { query: "dog ".repeat(60) }, "query"],
    ["a query with a control character", { query: "dog\u0000food" }, "query"],
    ["first over 100", { first: 101 }, "first"],
    ["a negative price", { filter: { minPriceMinor: -1 } }, "filter.minPriceMinor"],
    ["a price range upside down", { filter: { minPriceMinor: 500, maxPriceMinor: 100 } }, "filter.maxPriceMinor"],
    ["a rating above 5", { filter: { minRating: 6 } }, "filter.minRating"],
    ["a category id that is not one", { filter: { categoryId: "dogs" } }, "filter.categoryId"],
    ["relevance without a query", { sort: "RELEVANCE" as const }, "sort"],
  ])("%s is BAD_USER_INPUT naming the field", async (_case, variables, field) => {
    const result = await search(variables);
    expect(onlyError(result).extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  it("refuses a price cursor whose price is not a whole number of minor units", async () => {
    const forged = Buffer.from(JSON.stringify(["PRICE_ASC", 1.5, ids.rope])).toString("base64url");
    const result = await search({ sort: "PRICE_ASC", first: 1, after: forged });
    expect(onlyError(result).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("refuses a cursor made for another sort", async () => {
    const first = await search({ sort: "PRICE_ASC" as const, first: 1 });
    const after = first.data!.searchProducts!.pageInfo.endCursor!;
    const result = await search({ sort: "NEWEST" as const, first: 1, after });
    expect(onlyError(result).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});

describe("cache hints at the gateway", () => {
  const send = async (
    document: typeof SearchProductsDocument | typeof MeDocument,
    variables: object,
    token?: string,
  ) => {
    const response = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await response.json()) as { errors?: unknown };
    expect(body.errors).toBeUndefined();
    return response.headers.get("cache-control");
  };

  it("lets shared caches keep an anonymous search for a minute", async () => {
    expect(await send(SearchProductsDocument, { query: "chicken", first: 5 })).toBe("max-age=60, public");
  });

  it("never marks a signed-in viewer's answers cacheable: neither their own data nor their search", async () => {
    const { token } = await registerUser(stack, "shopper");
    expect(await send(MeDocument, {}, token)).toBe("no-store");
    expect(await send(SearchProductsDocument, { query: "chicken", first: 5 }, token)).toBe("no-store");
  });
});

describe("documents and prices kept current by the database", () => {
  it("re-indexes a renamed category's products and re-prices a product when its variant changes", async () => {
    expect(await titles({ query: "playthings" })).not.toContain("Squeaky rope toy");
    await db.query(`UPDATE catalog.categories SET name = 'Playthings' WHERE id = $1`, [categories.dogToys]);
    expect((await titles({ query: "playthings" }))[0]).toBe("Squeaky rope toy");

    await db.query(`UPDATE catalog.variants SET price_minor = 9999 WHERE product_id = $1`, [ids.rope]);
    expect((await titles({ sort: "PRICE_DESC", first: 1 }))[0]).toBe("Squeaky rope toy");
    await db.query(`UPDATE catalog.variants SET active = false WHERE product_id = $1`, [ids.rope]);
    expect(await titles({ first: 100 })).not.toContain("Squeaky rope toy");
  });
});
