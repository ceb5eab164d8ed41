import { emitSubgraphSchema } from "@pawgraph/subgraph-kit";
import { buildBookingsSchema } from "./schema";

void emitSubgraphSchema(buildBookingsSchema, `${__dirname}/../schema.graphql`);
