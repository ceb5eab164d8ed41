import { runSubgraph } from "@pawgraph/subgraph-kit";
import { petsConfigFromEnv, startPets } from "./app";

runSubgraph("pets", petsConfigFromEnv, startPets);
