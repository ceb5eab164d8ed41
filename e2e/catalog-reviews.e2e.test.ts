import { Client } from "pg";
import {
  DeleteMyReviewDocument,
  ProductReviewsDocument,
  ReviewProductDocument,
  type ReviewProductInput,
} from "../clients/__generated__/graphql";
import { buildShopProduct, recordDelivery } from "./catalog-review-fixtures";
import { execute, onlyError, registerUser, startStack, type Stack } from "./harness";

/**
 * Reviews through the gateway: buyers rate what was delivered to them, everyone reads the reviews,
 * and the product's average and count follow every write. Delivered orders come from the orders
 * subgraph's `order.delivered` once it exists; until then `recordDelivery` writes the row its
 * consumer will write.
 */
let stack: Stack;
let db: Client;
beforeAll(async () => {
  stack = await startStack();
  db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
}, 120_000);
afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

const review = (token: string, input: ReviewProductInput) =>
  execute(stack.gateway.url, ReviewProductDocument, { input }, token);
const productOf = async (id: string, token?: string) => {
  const result = await execute(stack.gateway.url, ProductReviewsDocument, { id }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.product!;
};

/** A signed-in user to whom an order containing the product was delivered. */
async function buyerOf(productId: string, label = "buyer") {
  const buyer = await registerUser(stack, label);
  await recordDelivery(db, buyer.user.id, productId);
  return buyer;
}

describe("product reviews", () => {
  it("answers NOT_PURCHASED to someone no order of the product was delivered to, and stores nothing", async () => {
    const { productId } = await buildShopProduct(db);
    const stranger = await registerUser(stack, "stranger");
    const result = await review(stranger.token, { productId, rating: 5, body: "Never had it, love it" });
    expect(result.errors).toBeUndefined();
    expect(result.data?.reviewProduct).toEqual({
      __typename: "NotPurchasedError",
      code: "NOT_PURCHASED",
      message: expect.stringContaining("delivered"),
    });
    expect(await productOf(productId)).toMatchObject({ reviewCount: 0, averageRating: null, reviews: { edges: [] } });
  });

  it("lets buyers rate what they received: the average and count follow, and editing keeps the count", async () => {
    const { productId } = await buildShopProduct(db);
    const first = await buyerOf(productId, "first-buyer");
    const second = await buyerOf(productId, "second-buyer");

    const written = await review(first.token, {
      productId,
      rating: 5,
      title: "  Dogs love it ",
      body: "Gone in a day.",
    });
    expect(written.data?.reviewProduct).toMatchObject({
      __typename: "Review",
      rating: 5,
      title: "Dogs love it",
      body: "Gone in a day.",
      product: { id: productId, averageRating: 5, reviewCount: 1 },
    });
    await review(second.token, { productId, rating: 2, body: "Too salty for mine." });
    expect(await productOf(productId)).toMatchObject({ averageRating: 3.5, reviewCount: 2 });

    // The first buyer changes their mind: the same review, edited; still two reviews.
    const edited = await review(first.token, { productId, rating: 3, body: "Fine, but pricey." });
    const firstReview = written.data!.reviewProduct;
    const editedReview = edited.data!.reviewProduct;
    if (firstReview.__typename !== "Review" || editedReview.__typename !== "Review") throw new Error("not reviews");
    expect(editedReview).toMatchObject({ id: firstReview.id, rating: 3, title: null, body: "Fine, but pricey." });
    expect(editedReview.createdAt).toBe(firstReview.createdAt);
    expect(editedReview.updatedAt > firstReview.updatedAt).toBe(true);
    const product = await productOf(productId);
    expect(product).toMatchObject({ averageRating: 2.5, reviewCount: 2 });
    expect(product.reviews!.edges.map((e) => [e.node.rating, e.node.author?.id])).toEqual([
      [2, second.user.id],
      [3, first.user.id],
    ]);

    // Withdrawing a review takes it out of the figures.
    const deleted = await execute(stack.gateway.url, DeleteMyReviewDocument, { input: { productId } }, second.token);
    expect(deleted.data?.deleteMyReview).toEqual({ id: productId, averageRating: 3, reviewCount: 1 });
    const again = await execute(stack.gateway.url, DeleteMyReviewDocument, { input: { productId } }, second.token);
    expect(onlyError(again).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.productId" });
    expect(await productOf(productId)).toMatchObject({ averageRating: 3, reviewCount: 1 });
  });

  it("refuses a rating outside 1-5 with BAD_USER_INPUT naming input.rating, writing nothing", async () => {
    const { productId } = await buildShopProduct(db);
    const buyer = await buyerOf(productId);
    for (const rating of [0, 6, -1]) {
      const result = await review(buyer.token, { productId, rating, body: "Out of range" });
      expect(result.data ?? null).toBeNull();
      expect(onlyError(result).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.rating" });
    }
    const long = await review(buyer.token, { productId, rating: 4, title: "x".repeat(121), body: "" });
    expect(onlyError(long).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.title" });
    expect(await productOf(productId)).toMatchObject({ reviewCount: 0, averageRating: null });
  });

  it("masks a card number in the text before storing it, and refuses abusive language", async () => {
    const { productId } = await buildShopProduct(db);
    const buyer = await buyerOf(productId);
    const abusive = await review(buyer.token, { productId, rating: 1, body: "The seller is an idiot" });
    expect(abusive.data?.reviewProduct).toEqual({
      __typename: "AbusiveLanguageError",
      message: expect.any(String),
      field: "input.body",
      reasons: ['abusive language: "idiot"'],
    });
    expect(await productOf(productId)).toMatchObject({ reviewCount: 0 });

    const result = await review(buyer.token, {
      productId,
      rating: 4,
      body: "Paid with 4111 1111 1111 1111 and it arrived fast",
    });
    const masked = "Paid with [card number ending 1111] and it arrived fast";
    expect(result.data?.reviewProduct).toMatchObject({ __typename: "Review", body: masked });
    const stored = await db.query(`SELECT body FROM catalog.product_reviews WHERE product_id = $1`, [productId]);
    expect(stored.rows).toEqual([{ body: masked }]);
  });

  it("shows a public product's reviews to anonymous visitors, with the author's display name only", async () => {
    const { productId } = await buildShopProduct(db);
    const buyer = await buyerOf(productId, "named-buyer");
    await review(buyer.token, { productId, rating: 4, title: "Good", body: "Solid food." });
    const product = await productOf(productId);
    expect(product).toMatchObject({ averageRating: 4, reviewCount: 1 });
    expect(product.reviews!.edges).toEqual([
      {
        cursor: expect.any(String),
        node: {
          id: expect.any(String),
          rating: 4,
          title: "Good",
          body: "Solid food.",
          author: { id: buyer.user.id, displayName: buyer.user.displayName },
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
      },
    ]);
  });

  it("is NOT_FOUND on a product the viewer cannot see, even for someone it was delivered to", async () => {
    const { productId } = await buildShopProduct(db, { productStatus: "DRAFT" });
    const buyer = await buyerOf(productId);
    const result = await review(buyer.token, { productId, rating: 5, body: "Secret product" });
    expect(onlyError(result).extensions).toMatchObject({ code: "NOT_FOUND", field: "input.productId" });
    const anonymous = await review("", { productId, rating: 5, body: "Who am I" });
    expect(onlyError(anonymous).extensions).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("keeps one review per buyer when the same buyer sends five at once (the last write wins, counted once)", async () => {
    const { productId } = await buildShopProduct(db);
    const buyer = await buyerOf(productId);
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((rating) => review(buyer.token, { productId, rating, body: `Try ${rating}` })),
    );
    expect(results.map((r) => r.data?.reviewProduct.__typename)).toEqual(results.map(() => "Review"));
    const product = await productOf(productId);
    expect(product.reviewCount).toBe(1);
    expect(product.reviews!.edges).toHaveLength(1);
    expect(product.averageRating).toBe(product.reviews!.edges[0]!.node.rating);
  });

  it("counts 20 buyers reviewing at once exactly: count 20 and the sum of their ratings", async () => {
    const { productId } = await buildShopProduct(db);
    const buyers = await Promise.all(Array.from({ length: 20 }, (_, i) => buyerOf(productId, `crowd-${i}`)));
    const ratings = buyers.map((_, i) => (i % 5) + 1);
    const results = await Promise.all(
      buyers.map((buyer, i) => review(buyer.token, { productId, rating: ratings[i]!, body: `Review ${i}` })),
    );
    expect(results.map((r) => r.data?.reviewProduct.__typename)).toEqual(buyers.map(() => "Review"));
    const sum = ratings.reduce((a, b) => a + b, 0);
    expect(await productOf(productId)).toMatchObject({ reviewCount: 20, averageRating: sum / 20 });
    const { rows } = await db.query(`SELECT rating_count, rating_sum FROM catalog.products WHERE id = $1`, [productId]);
    expect(rows).toEqual([{ rating_count: 20, rating_sum: sum }]);

    // Pages of 8 walk all 20, newest first, without repeats.
    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const page = await execute(stack.gateway.url, ProductReviewsDocument, { id: productId, first: 8, after });
      const reviews = page.data!.product!.reviews!;
      seen.push(...reviews.edges.map((e) => e.node.id));
      after = reviews.pageInfo.hasNextPage ? reviews.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(seen).size).toBe(20);
  }, 180_000);
});
