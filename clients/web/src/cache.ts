import { InMemoryCache } from "@apollo/client/cache";
import possibleTypes from "../../__generated__/possible-types";

/**
 * The cache, told by codegen which types implement each interface and union (possible-types.ts): a
 * Visit read through the `HealthRecordEntry` fragment on `HealthRecord` keeps its fields.
 *
 * `addTypename: false`: documents go to the gateway exactly as generated, so their ids in the trusted
 * documents manifest match (see link.ts). The operations ask for `__typename` where a type decides
 * anything (unions, the health record interface); objects without it are kept inside their parent.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({ possibleTypes: possibleTypes.possibleTypes, addTypename: false });
}
