import { emitSubgraphSchema } from "@pawgraph/subgraph-kit";
import { buildIdentitySchema } from "./schema";

void emitSubgraphSchema(buildIdentitySchema, `${__dirname}/../schema.graphql`);
