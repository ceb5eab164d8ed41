import { randomUUID } from "node:crypto";
import {
  createLogger,
  erasePersonalDataIn,
  managerExecutor,
  type PersonalDataSubject,
  type SubgraphDatabase,
} from "@pawgraph/subgraph-kit";
import { cancelCarePlansOf } from "../src/care-plan/care-plan-erasure";
import { CarePlanRepository } from "../src/care-plan/care-plan.repository";
import { openOrdersDatabase } from "../src/data-source";
import { PERSONAL_DATA } from "../src/personal-data";

/**
 * orders' share of an account erasure as its privacy consumer runs it (docs/decisions/0048): the
 * person's care plans are cancelled first, then the registry's rules, in one transaction.
 */
let database: SubgraphDatabase;
let plans: CarePlanRepository;
const now = new Date("2027-03-01T09:00:00.000Z");

beforeAll(async () => {
  database = await openOrdersDatabase(process.env.DATABASE_URL!, createLogger("orders").child({}, { level: "silent" }));
  plans = new CarePlanRepository(database.dataSource);
});
afterAll(() => database.dataSource.destroy());

/** An ACTIVE monthly products plan with a run claimed (its order being placed). */
async function planOf(ownerId: string): Promise<string> {
  const id = randomUUID();
  await database.dataSource.transaction((manager) =>
    plans.insert(manager, {
      id,
      ownerId,
      petId: randomUUID(),
      kind: "PRODUCTS",
      clinicId: null,
      wellnessOfferId: null,
      currency: "EUR",
      intervalUnit: "MONTH",
      intervalCount: 1,
      anchorOn: "2027-02-01",
      nextRunOn: "2027-03-01",
      shippingAddress: {
        name: "Maria",
        line1: "1 Dog Lane",
        line2: null,
        city: "Berlin",
        region: null,
        postalCode: "10115",
        country: "DE",
        phone: null,
      },
      shippingChoices: {},
      payOnDelivery: true,
      paymentCustomer: null,
      lines: [{ variantId: randomUUID(), quantity: 1 }],
    }),
  );
  await database.dataSource.query(
    `INSERT INTO orders.care_plan_runs (plan_id, period_start, run_key, next_attempt_at, lease_until)
     VALUES ($1, '2027-03-01', $2, now(), now() + interval '5 minutes')`,
    [id, `careplan:${id}:2027-03-01`],
  );
  return id;
}

const erase = (subject: PersonalDataSubject, erasedId = randomUUID()) =>
  database.dataSource.transaction(async (manager) => {
    const before = await cancelCarePlansOf(manager, plans, subject, erasedId, now);
    await erasePersonalDataIn(managerExecutor(manager), PERSONAL_DATA, subject, erasedId);
    return before;
  });

const stateOf = async (planId: string) =>
  (
    await database.dataSource.query(
      `SELECT p.status, p.cancel_reason, p.cancelled_at, r.status AS run FROM orders.care_plans p
         JOIN orders.care_plan_runs r ON r.plan_id = p.id WHERE p.id = $1`,
      [planId],
    )
  )[0];

describe("erasing a person from orders", () => {
  it("cancels their care plans as an owner's cancellation does, and leaves others' plans running", async () => {
    const [maria, ben] = [randomUUID(), randomUUID()];
    const mine = await planOf(maria);
    const bens = await planOf(ben);

    const erasedId = randomUUID();
    expect(await erase({ userId: maria, email: null }, erasedId)).toBe(1);

    expect(await stateOf(mine)).toEqual({
      status: "CANCELLED",
      cancel_reason: "OWNER",
      cancelled_at: now,
      run: "ABANDONED",
    });
    expect(await stateOf(bens)).toEqual({ status: "ACTIVE", cancel_reason: null, cancelled_at: null, run: "CLAIMED" });
    const events: { payload: { planId: string; reason: string; ownerId: string } }[] = await database.dataSource.query(
      `SELECT payload FROM orders.outbox WHERE type = 'care_plan.cancelled' AND aggregate_id = $1`,
      [mine],
    );
    // The event names the id the plan carries once anonymised, never Maria: messaging and reports
    // may read it after their own erasure, and must not bring her back.
    expect(events.map((e) => [e.payload.planId, e.payload.reason, e.payload.ownerId])).toEqual([
      [mine, "OWNER", erasedId],
    ]);
    // The plan stays as the history of their orders, no longer naming them.
    expect(await database.dataSource.query(`SELECT 1 FROM orders.care_plans WHERE owner_id = $1`, [maria])).toEqual([]);
    expect(
      await database.dataSource.query(`SELECT 1 FROM orders.care_plans WHERE owner_id = $1`, [erasedId]),
    ).toHaveLength(1);

    // A repeat (a redelivered erasure_due) cancels nothing twice.
    expect(await erase({ userId: maria, email: null })).toBe(0);
  });
});
