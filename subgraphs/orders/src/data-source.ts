import { openSubgraphDatabase, type Logger, type SubgraphDatabase } from "@pawgraph/subgraph-kit";
import { Initial1765500000000 } from "./migrations/1765500000000-initial";
import { VendorOrderAllocation1765600000000 } from "./migrations/1765600000000-vendor-order-allocation";
import { CarePlans1765730000000 } from "./migrations/1765730000000-care-plans";
import { WellnessOffers1766800000000 } from "./migrations/1766800000000-wellness-offers";
import { WellnessCoverage1766900000000 } from "./migrations/1766900000000-wellness-coverage";

/** orders' tables live in the Postgres schema "orders"; repositories speak SQL (money and locks need it). */
export function openOrdersDatabase(url: string, log: Logger): Promise<SubgraphDatabase> {
  return openSubgraphDatabase({
    schema: "orders",
    url,
    log,
    entities: [],
    migrations: [
      Initial1765500000000,
      VendorOrderAllocation1765600000000,
      CarePlans1765730000000,
      WellnessOffers1766800000000,
      WellnessCoverage1766900000000,
    ],
  });
}
