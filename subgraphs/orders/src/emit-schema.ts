import { emitSubgraphSchema } from "@pawgraph/subgraph-kit";
import { buildOrdersSchema } from "./schema";

void emitSubgraphSchema(buildOrdersSchema, `${__dirname}/../schema.graphql`);
