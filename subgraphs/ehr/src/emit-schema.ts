import { emitSubgraphSchema } from "@pawgraph/subgraph-kit";
import { buildEhrSchema } from "./schema";

void emitSubgraphSchema(buildEhrSchema, `${__dirname}/../schema.graphql`);
