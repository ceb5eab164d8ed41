import { emitSubgraphSchema } from "@pawgraph/subgraph-kit";
import { buildAiSchema } from "./schema";

void emitSubgraphSchema(buildAiSchema, `${__dirname}/../schema.graphql`);
