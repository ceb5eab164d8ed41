import { emitSubgraphSchema } from "@pawgraph/subgraph-kit";
import { buildReportsSchema } from "./schema";

void emitSubgraphSchema(buildReportsSchema, `${__dirname}/../schema.graphql`);
