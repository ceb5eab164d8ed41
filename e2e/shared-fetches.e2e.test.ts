import { MyPetsWithOwnersDocument, SearchProductsDocument } from "../clients/__generated__/graphql";
import { createPet, execute, registerUser, startStack, type Stack } from "./harness";
import { parsePrometheusText, valueOf } from "./prometheus-text";

const sharedByCatalog = async () =>
  valueOf(
    parsePrometheusText(await (await fetch(`http://127.0.0.1:${stack.gateway.port}/metrics`)).text()),
    "subgraph_fetches_shared_total",
    { subgraph: "catalog" },
  );

/**
 * Identical subgraph fetches in flight at once (docs/decisions/0053), through the gateway: anonymous
 * queries are sent to the subgraph once and every caller gets the same answer; the same query from
 * two people is never shared.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

it("sends identical anonymous queries in flight together to the subgraph once", async () => {
  const search = () => execute(stack.gateway.url, SearchProductsDocument, { query: "salmon kibble", first: 5 });
  stack.catalog.sql.take();
  const alone = await search();
  expect(alone.errors).toBeUndefined();
  const statementsForOne = stack.catalog.sql.take();
  expect(statementsForOne).toBeGreaterThan(0);
  const sharedBefore = await sharedByCatalog();

  const together = await Promise.all(Array.from({ length: 20 }, search));
  const statementsForTwenty = stack.catalog.sql.take();
  for (const answer of together) expect(answer).toEqual(alone);
  // Without sharing: 20 times the statements of one. Requests reach the gateway a little apart, so
  // not all twenty share one fetch, but most do.
  expect(statementsForTwenty).toBeLessThanOrEqual(statementsForOne * 10);
  // ... and the gateway's /metrics counts the fetches that joined another.
  expect((await sharedByCatalog()) - sharedBefore).toBeGreaterThanOrEqual(10);
});

it("never shares a fetch between two people asking the same query at the same time", async () => {
  const [ana, ben] = await Promise.all([registerUser(stack, "share-ana"), registerUser(stack, "share-ben")]);
  await createPet(stack, ana.token, { name: "Ana's Pixel" });
  await createPet(stack, ben.token, { name: "Ben's Biscuit" });
  const ask = (token: string) => execute(stack.gateway.url, MyPetsWithOwnersDocument, { first: 10 }, token);

  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(i % 2 ? ben.token : ana.token)));
  answers.forEach((answer, i) => {
    expect(answer.errors).toBeUndefined();
    const pets = answer.data!.myPets!.edges.map((edge) => edge.node);
    const [name, owner] = i % 2 ? ["Ben's Biscuit", ben.user.id] : ["Ana's Pixel", ana.user.id];
    expect(pets.map((pet) => pet.name)).toEqual([name]);
    expect(pets[0]!.owners!.map((o) => o!.id)).toEqual([owner]);
  });
});
