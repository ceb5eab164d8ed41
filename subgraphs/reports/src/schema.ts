import type { GraphQLSchema } from "graphql";
import { buildFederatedSchema, ResolverContainer } from "@pawgraph/subgraph-kit";
// type-graphql lists Query and Mutation fields in the order their resolver modules load, so this
// import order is the order of the emitted schema.graphql.
import { ClinicReportResolver } from "./report/clinic-report.resolver";
import { VendorReportResolver } from "./report/vendor-report.resolver";
import { PlatformReportResolver } from "./report/platform-report.resolver";
import { ExportResolver } from "./export/export.resolver";

/** The resolver classes of reports' schema; `app.ts` builds one instance of each with its repositories. */
export const REPORTS_RESOLVERS = [
  ClinicReportResolver,
  VendorReportResolver,
  PlatformReportResolver,
  ExportResolver,
] as const;

/** reports' federated schema: the clinic, vendor and platform reports and their CSV exports. */
export function buildReportsSchema(resolvers = new ResolverContainer()): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: REPORTS_RESOLVERS, container: resolvers });
}
