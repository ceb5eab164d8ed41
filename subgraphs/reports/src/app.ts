import { hkdfSync } from "node:crypto";
import { join } from "node:path";
import {
  AccessTokenVerifier,
  RevocationList,
  revocationSettingsFromEnv,
  type RevocationSettings,
  createLogger,
  dataDir,
  databaseUrlFor,
  developmentSecret,
  envBool,
  envInt,
  envOptional,
  envString,
  publicUrlFor,
  gatewaySecretFromEnv,
  isProduction,
  startEventConsumers,
  startOutboxRelay,
  startSubgraphServer,
  stopSubgraph,
  ResolverContainer,
  weakSecretReason,
  type GatewaySecretSettings,
  type Logger,
  type RunningSubgraph,
} from "@pawgraph/subgraph-kit";
// The schema first: it fixes the order resolver modules load in, which orders the emitted SDL.
import { buildReportsSchema } from "./schema";
import { openReportsDatabase } from "./data-source";
import { REPORTS_SCHEMA } from "./events";
import { PERSONAL_DATA } from "./personal-data";
import { ExportResolver } from "./export/export.resolver";
import { exportRoutes } from "./export/export.routes";
import { ExportService } from "./export/export.service";
import { ExportSigner } from "./export/export-signer";
import { consumeReportEvents } from "./facts/facts.consumer";
import { ClinicReportRepository } from "./report/clinic-report.repository";
import { ClinicReportResolver } from "./report/clinic-report.resolver";
import { PlatformReportRepository } from "./report/platform-report.repository";
import { PlatformReportResolver } from "./report/platform-report.resolver";
import { ReportAccess } from "./report/report-access";
import { SalesRepository } from "./report/sales.repository";
import { VendorReportRepository } from "./report/vendor-report.repository";
import { VendorReportResolver } from "./report/vendor-report.resolver";

export interface ReportsConfig {
  port: number;
  databaseUrl: string;
  jwksUrl: string;
  revocations: RevocationSettings;
  gatewaySecret: GatewaySecretSettings;
  /** The key export links are signed with (see `exportSecretFromEnv`). */
  exportSecret: string;
  /** The public origin export links point at: the gateway's (`REPORTS_PUBLIC_URL`, else `PUBLIC_URL`, else http://localhost:4000). */
  publicUrl: string | (() => string);
  /** How long an export link works (`REPORT_EXPORT_TTL_SECONDS`, default 900). */
  exportTtlSeconds: number;
  /** Run the facts consumer and the privacy-request consumers (`EVENT_CONSUMERS_ENABLED`, default true). */
  consumeEvents: boolean;
  /** Publish the outbox (its answers to privacy requests) from this process (`OUTBOX_RELAY_ENABLED`, default true). */
  relayEnabled: boolean;
  redisUrl?: string;
  log: Logger;
}

/**
 * The export-link key: `REPORT_EXPORT_SECRET` (refused in production when weak); else, in
 * production, a key derived from the gateway secret for this one purpose (HKDF), so a deployment
 * needs no second secret; elsewhere one generated once under the data dir (.data/keys).
 */
function exportSecretFromEnv(gatewaySecret: string): string {
  const configured = envOptional("REPORT_EXPORT_SECRET");
  if (configured) {
    const weak = isProduction() ? weakSecretReason(configured) : undefined;
    if (weak) throw new Error(`REPORT_EXPORT_SECRET is refused in production: ${weak}`);
    return configured;
  }
  if (isProduction())
    return Buffer.from(hkdfSync("sha256", gatewaySecret, "pawgraph", "reports-export-links", 32)).toString("hex");
  return developmentSecret(join(dataDir(), "keys", "report-export-secret"));
}

export function reportsConfigFromEnv(): ReportsConfig {
  const gatewaySecret = gatewaySecretFromEnv();
  return {
    /** Listening port (env `PORT`, else `REPORTS_PORT`; 4009). */
    port: envInt("PORT", envInt("REPORTS_PORT", 4009)),
    databaseUrl: databaseUrlFor("reports"),
    jwksUrl: envString("IDENTITY_JWKS_URL", "http://localhost:4001/.well-known/jwks.json"),
    revocations: revocationSettingsFromEnv(),
    gatewaySecret,
    exportSecret: exportSecretFromEnv(gatewaySecret.secret),
    publicUrl: publicUrlFor("reports"),
    exportTtlSeconds: envInt("REPORT_EXPORT_TTL_SECONDS", 900),
    consumeEvents: envBool("EVENT_CONSUMERS_ENABLED", true),
    relayEnabled: envBool("OUTBOX_RELAY_ENABLED", true),
    /** Redis (env `REDIS_URL`) for the event streams and, where the subgraph has them, subscription fan-out and rate limits; unset, events go through Postgres. */
    redisUrl: envOptional("REDIS_URL"),
    log: createLogger("reports"),
  };
}

/**
 * Composition root: config → database → repositories → resolvers → server, and the consumer that
 * turns every subgraph's events into report facts (docs/decisions/0040).
 */
export async function startReports(config: ReportsConfig): Promise<RunningSubgraph> {
  const { dataSource: db, sql } = await openReportsDatabase(config.databaseUrl, config.log);
  const access = new ReportAccess();
  const repositories = {
    clinics: new ClinicReportRepository(db),
    vendors: new VendorReportRepository(db),
    platform: new PlatformReportRepository(db),
  };
  const sales = new SalesRepository(db);
  const signer = new ExportSigner(config.exportSecret);
  const exports = new ExportService(access, signer, repositories, {
    publicUrl: config.publicUrl,
    ttlSeconds: config.exportTtlSeconds,
  });
  const resolvers = new ResolverContainer([
    new ClinicReportResolver(access, repositories.clinics, sales),
    new VendorReportResolver(access, repositories.vendors, sales),
    new PlatformReportResolver(access, repositories.platform),
    new ExportResolver(exports),
  ]);
  const running = await startSubgraphServer(
    {
      name: "reports",
      schema: await buildReportsSchema(resolvers),
      log: config.log,
      verifier: AccessTokenVerifier.fromJwksUrl(
        config.jwksUrl,
        RevocationList.overHttp(config.revocations, config.log),
        config.log,
      ),
      gatewaySecret: config.gatewaySecret,
      createContext: (base) => base,
      ready: async () => {
        await db.query("SELECT 1");
      },
      routes: (app) => exportRoutes(app, { signer, exports, log: config.log }),
    },
    config.port,
  );
  const relay = await startOutboxRelay({
    dataSource: db,
    schema: REPORTS_SCHEMA,
    redisUrl: config.redisUrl,
    enabled: config.relayEnabled,
    log: config.log,
  });
  const consumers = await startEventConsumers({
    databaseUrl: config.databaseUrl,
    schema: REPORTS_SCHEMA,
    redisUrl: config.redisUrl,
    enabled: config.consumeEvents,
    log: config.log,
    subscribe: (bus, events) => consumeReportEvents(bus, events),
    privacy: { registry: PERSONAL_DATA },
  });
  return {
    ...running,
    name: "reports",
    sql,
    stop: () =>
      stopSubgraph(running, config.log, [
        ["event consumers", () => consumers.stop()],
        ["outbox relay", () => relay.stop()],
        ["database pool", () => db.destroy()],
      ]),
  };
}
