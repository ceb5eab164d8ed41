import {
  AccessTokenVerifier,
  RevocationList,
  revocationSettingsFromEnv,
  type RevocationSettings,
  startEventConsumers,
  startOutboxRelay,
  SubgraphClient,
  envBool,
  fileStoreSettingsFromEnv,
  openFileStore,
  createLogger,
  databaseUrlFor,
  envInt,
  envOptional,
  envString,
  gatewaySecretFromEnv,
  startSubgraphServer,
  stopSubgraph,
  ResolverContainer,
  type FileStoreSettings,
  type GatewaySecretSettings,
  type Logger,
  type RunningSubgraph,
} from "@pawgraph/subgraph-kit";
import type { ApolloServerPlugin } from "@apollo/server";
import type { DataSource } from "typeorm";
// First of our modules: the schema's imports fix the order of the emitted SDL (see schema.ts).
import { buildEhrSchema } from "./schema";
import { PERSONAL_DATA } from "./personal-data";
import { AttachmentResolver, RECORD_ATTACHMENT_RESOLVERS } from "./attachment/attachment.resolver";
import { AttachmentRepository } from "./attachment/attachment.repository";
import { AttachmentService } from "./attachment/attachment.service";
import { EHR_SCHEMA } from "./events";
import { ReminderDueJob, type ReminderDueJobSettings } from "./reminder/reminder-due.job";
import { AccessLogRepository } from "./access/access-log.repository";
import { AccessLogService } from "./access/access-log.service";
import { AccessPolicy } from "./access/access-policy";
import { ClinicalAlertResolver } from "./alert/clinical-alert.resolver";
import { ClinicalAlertService } from "./alert/clinical-alert.service";
import { AllergyResolver } from "./allergy/allergy.resolver";
import { AllergyService } from "./allergy/allergy.service";
import { createEhrContext, type EhrContext } from "./context";
import { openEhrDatabase } from "./data-source";
import { FhirRecordRepository } from "./fhir/fhir.repository";
import { FhirExportResolver } from "./fhir/fhir.resolver";
import { FhirExportService } from "./fhir/fhir.service";
import { LabResultResolver } from "./lab-result/lab-result.resolver";
import { LabResultService } from "./lab-result/lab-result.service";
import {
  MedicationDispensingResolver,
  MedicationDispensingsResolver,
} from "./medication/medication-dispensing.resolver";
import { MedicationResolver } from "./medication/medication.resolver";
import { consumeOrderShipped } from "./medication/order-shipped.consumer";
import { PrescriptionDispensingRepository } from "./medication/prescription-dispensing.repository";
import { MedicationRepository } from "./medication/medication.repository";
import { MedicationService } from "./medication/medication.service";
import { HomeNoteResolver } from "./note/home-note.resolver";
import { HomeNoteService } from "./note/home-note.service";
import { PetAttachmentsResolver } from "./pet/pet-attachments.resolver";
import { PetHealthResolver } from "./pet/pet-health.resolver";
import { PetPrescriptionsResolver } from "./pet/pet-prescriptions.resolver";
import { PrescriptionRefillsResolver } from "./medication/prescription-refills.resolver";
import { ClinicalRecordWriter } from "./record/clinical-record.writer";
import { RecallRuleResolver } from "./recall-rule/recall-rule.resolver";
import { RecallRuleRepository } from "./recall-rule/recall-rule.repository";
import { RecallRuleService } from "./recall-rule/recall-rule.service";
import { ReminderResolver } from "./reminder/reminder.resolver";
import { ReminderRepository } from "./reminder/reminder.repository";
import { ReminderService } from "./reminder/reminder.service";
import { TimelineRepository } from "./timeline/timeline.repository";
import { TimelineService } from "./timeline/timeline.service";
import { VaccinationResolver } from "./vaccination/vaccination.resolver";
import { VaccinationService } from "./vaccination/vaccination.service";
import { VisitResolver } from "./visit/visit.resolver";
import { VisitService } from "./visit/visit.service";

export interface EhrConfig {
  port: number;
  databaseUrl: string;
  jwksUrl: string;
  /** identity's revocation log, polled so revoked tokens stop within seconds (env `IDENTITY_URL`, `REVOCATION_POLL_MS`). */
  revocations: RevocationSettings;
  /** The pets subgraph, asked (with the viewer's token) who may see which pet. */
  petsUrl: string;
  /** Shared with the gateway and the other subgraphs: required of incoming calls, sent on outgoing ones. */
  gatewaySecret: GatewaySecretSettings;
  files: FileStoreSettings;
  /** Redis Streams for the event bus when set; the Postgres bus otherwise. */
  redisUrl?: string;
  /** Publish the outbox from this process (on by default; any number of instances may). */
  relayEnabled: boolean;
  /** Consume other subgraphs' events (orders' order.shipped dispenses prescriptions); on by default. */
  consumeEvents: boolean;
  reminderJob: ReminderDueJobSettings & { enabled: boolean };
  log: Logger;
}

export function ehrConfigFromEnv(): EhrConfig {
  return {
    /** Listening port (env `PORT`, else `EHR_PORT`; 4003). */
    port: envInt("PORT", envInt("EHR_PORT", 4003)),
    databaseUrl: databaseUrlFor("ehr"),
    jwksUrl: envString("IDENTITY_JWKS_URL", "http://localhost:4001/.well-known/jwks.json"),
    revocations: revocationSettingsFromEnv(),
    petsUrl: envString("PETS_URL", "http://localhost:4002/graphql"),
    gatewaySecret: gatewaySecretFromEnv(),
    files: fileStoreSettingsFromEnv("ehr"),
    /** Redis (env `REDIS_URL`) for the event streams and, where the subgraph has them, subscription fan-out and rate limits; unset, events go through Postgres. */
    redisUrl: envOptional("REDIS_URL"),
    relayEnabled: envBool("OUTBOX_RELAY_ENABLED", true),
    consumeEvents: envBool("EVENT_CONSUMERS_ENABLED", true),
    reminderJob: {
      /** Whether this instance runs the reminder job (`npm run -w @pawgraph/ehr reminder-job` runs it once, for cron). */
      enabled: envBool("REMINDER_JOB_ENABLED", true),
      leadDays: envInt("REMINDER_LEAD_DAYS", 14),
      intervalMs: envInt("REMINDER_JOB_INTERVAL_MS", 60 * 60 * 1000),
      batchSize: 500,
    },
    log: createLogger("ehr"),
  };
}

/** Writes the reads of other people's records once the response is on its way. */
function accessLogPlugin(db: DataSource, log: Logger): ApolloServerPlugin<EhrContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          await contextValue.accessLog
            .flush(db)
            .catch((error: unknown) => log.error({ err: error }, "access log write failed"));
        },
      };
    },
  };
}

/**
 * Composition root: config → database → repositories → services → resolvers → server. The one place
 * that knows every class: each gets its collaborators here, by constructor (docs/decisions/0028).
 */
export async function startEhr(config: EhrConfig): Promise<RunningSubgraph> {
  const { dataSource: db, sql } = await openEhrDatabase(config.databaseUrl, config.log);
  const pets = new SubgraphClient("pets", config.petsUrl, config.gatewaySecret.secret);
  const repositories = {
    timeline: new TimelineRepository(db),
    recallRules: new RecallRuleRepository(db),
    reminders: new ReminderRepository(db),
    attachments: new AttachmentRepository(db),
    accessLog: new AccessLogRepository(db),
    medications: new MedicationRepository(db),
    dispensings: new PrescriptionDispensingRepository(db),
  };
  const policy = new AccessPolicy();
  const writer = new ClinicalRecordWriter(db, policy);
  const reminders = new ReminderService(repositories.reminders, repositories.recallRules, policy);
  const vaccinations = new VaccinationService(db, policy, reminders);
  const visits = new VisitService(db, policy, vaccinations);
  const files = await openFileStore(config.files, "ehr");
  const attachments = new AttachmentService(db, repositories.attachments, repositories.timeline, policy, files.store, {
    maxBytes: config.files.maxBytes,
    uploadUrlSeconds: 900,
    downloadUrlSeconds: 300,
  });
  const medications = new MedicationService(writer, repositories.medications, policy);
  const resolvers = new ResolverContainer([
    new PetHealthResolver(
      new TimelineService(policy),
      policy,
      reminders,
      new AccessLogService(policy, repositories.accessLog),
    ),
    new VisitResolver(visits),
    new VaccinationResolver(vaccinations),
    new MedicationResolver(medications),
    new PetPrescriptionsResolver(medications),
    new AllergyResolver(new AllergyService(writer)),
    new LabResultResolver(new LabResultService(writer)),
    new ClinicalAlertResolver(new ClinicalAlertService(db, policy, writer)),
    new HomeNoteResolver(new HomeNoteService(db, policy)),
    new ReminderResolver(reminders),
    new RecallRuleResolver(new RecallRuleService(repositories.recallRules)),
    new AttachmentResolver(attachments),
    new PetAttachmentsResolver(policy),
    ...RECORD_ATTACHMENT_RESOLVERS.map((Resolver) => new Resolver()),
    new FhirExportResolver(new FhirExportService(policy, pets, new FhirRecordRepository(db))),
    new MedicationDispensingResolver(),
    new MedicationDispensingsResolver(),
    new PrescriptionRefillsResolver(repositories.medications),
  ]);
  const running = await startSubgraphServer<EhrContext>(
    {
      name: "ehr",
      schema: await buildEhrSchema(resolvers),
      log: config.log,
      verifier: AccessTokenVerifier.fromJwksUrl(
        config.jwksUrl,
        RevocationList.overHttp(config.revocations, config.log),
        config.log,
      ),
      gatewaySecret: config.gatewaySecret,
      createContext: (base) =>
        createEhrContext(base, {
          db,
          pets,
          timeline: repositories.timeline,
          accessLog: repositories.accessLog,
          diagnosesOf: (ids) => visits.diagnosesOf(ids),
          attachmentsOfRecords: (ids) => repositories.attachments.ofRecords(ids),
          attachmentsOfPets: (ids, scope) => repositories.attachments.ofPets(ids, scope),
          dispensingsOfMedications: (ids) => repositories.dispensings.ofMedications(ids),
        }),
      ready: async () => {
        await db.query("SELECT 1");
      },
      plugins: [accessLogPlugin(db, config.log)],
      routes: (app) => files.routes(app),
    },
    config.port,
  );
  files.listening(running.port);
  const relay = await startOutboxRelay({
    dataSource: db,
    schema: EHR_SCHEMA,
    redisUrl: config.redisUrl,
    enabled: config.relayEnabled,
    log: config.log,
  });
  const consumers = await startEventConsumers({
    databaseUrl: config.databaseUrl,
    schema: EHR_SCHEMA,
    redisUrl: config.redisUrl,
    enabled: config.consumeEvents,
    log: config.log,
    subscribe: (bus, events) => consumeOrderShipped(bus, events, repositories.dispensings, config.log),
    privacy: { registry: PERSONAL_DATA },
  });
  const reminderJob = config.reminderJob.enabled
    ? new ReminderDueJob(db, repositories.reminders, config.reminderJob, config.log)
    : null;
  reminderJob?.start();
  return {
    ...running,
    name: "ehr",
    sql,
    stop: () =>
      stopSubgraph(running, config.log, [
        ["reminder job", () => reminderJob?.stop()],
        ["event consumers", () => consumers.stop()],
        ["outbox relay", () => relay.stop()],
        ["database pool", () => db.destroy()],
      ]),
  };
}
