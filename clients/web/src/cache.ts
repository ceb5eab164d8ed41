import { InMemoryCache } from "@apollo/client/cache";
import possibleTypes from "../../__generated__/possible-types";

/**
 * The cache, told by codegen which types implement each interface and union (possible-types.ts): a
 * Visit read through the `HealthRecordEntry` fragment on `HealthRecord` keeps its fields.
 *
 * The documents (clients/__generated__/web) already ask for `__typename` everywhere, so the cache's
 * own addition changes nothing and each document's id still names its text in the gateway's manifest.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({ possibleTypes: possibleTypes.possibleTypes });
}
