import { emitSubgraphSchema } from "@pawgraph/subgraph-kit";
import { buildPetsSchema } from "./schema";

void emitSubgraphSchema(buildPetsSchema, `${__dirname}/../schema.graphql`);
