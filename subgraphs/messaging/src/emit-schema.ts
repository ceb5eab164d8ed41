import { emitSubgraphSchema } from "@pawgraph/subgraph-kit";
import { buildMessagingSchema } from "./schema";

void emitSubgraphSchema(buildMessagingSchema, `${__dirname}/../schema.graphql`);
