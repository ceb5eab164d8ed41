import { emitSubgraphSchema } from "@pawgraph/subgraph-kit";
import { buildCatalogSchema } from "./schema";

void emitSubgraphSchema(buildCatalogSchema, `${__dirname}/../schema.graphql`);
