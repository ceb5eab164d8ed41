import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The clinical record: visits with diagnoses, vaccinations, medications, allergies, lab results,
 * alerts and owners' home notes; attachments; the access log; recall rules and reminders.
 * Every record row carries `pet_id` and `occurred_at`, which the timeline view unions.
 */
export class Initial1764200000000 implements MigrationInterface {
  name = "Initial1764200000000";

  async up(db: QueryRunner): Promise<void> {
    const record = (extra: string) => `
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        pet_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        clinic_id uuid,
        recorded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        ${extra}`;
    await db.query(
      `CREATE TABLE ehr.visits (${record(`
        vet_id uuid,
        reason text NOT NULL,
        subjective text, objective text, assessment text, plan text`)})`,
    );
    await db.query(`
      CREATE TABLE ehr.diagnoses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        visit_id uuid NOT NULL REFERENCES ehr.visits(id) ON DELETE CASCADE,
        position int NOT NULL,
        text text NOT NULL,
        code text,
        code_system text
      )`);
    await db.query(`CREATE INDEX diagnoses_visit_idx ON ehr.diagnoses (visit_id, position)`);
    await db.query(
      `CREATE TABLE ehr.vaccinations (${record(`
        visit_id uuid REFERENCES ehr.visits(id) ON DELETE SET NULL,
        vaccine text NOT NULL,
        vaccine_code text,
        manufacturer text,
        lot_number text,
        valid_until date,
        next_due_on date,
        given_by uuid`)})`,
    );
    await db.query(
      `CREATE TABLE ehr.medications (${record(`
        visit_id uuid REFERENCES ehr.visits(id) ON DELETE SET NULL,
        kind text NOT NULL,
        drug text NOT NULL,
        dose numeric NOT NULL CHECK (dose > 0),
        dose_unit text NOT NULL,
        route text NOT NULL,
        frequency text NOT NULL,
        starts_on date NOT NULL,
        ends_on date,
        refills_left int NOT NULL DEFAULT 0 CHECK (refills_left >= 0),
        prescriber_id uuid`)})`,
    );
    await db.query(
      `CREATE TABLE ehr.allergies (${record(`
        substance text NOT NULL,
        reaction text,
        severity text NOT NULL`)})`,
    );
    await db.query(
      `CREATE TABLE ehr.lab_results (${record(`
        visit_id uuid REFERENCES ehr.visits(id) ON DELETE SET NULL,
        test text NOT NULL,
        value text NOT NULL,
        numeric_value double precision,
        unit text,
        reference_low double precision,
        reference_high double precision,
        flag text NOT NULL`)})`,
    );
    await db.query(
      `CREATE TABLE ehr.clinical_alerts (${record(`
        alert text NOT NULL,
        active boolean NOT NULL DEFAULT true`)})`,
    );
    await db.query(
      `CREATE TABLE ehr.home_notes (${record(`
        text text NOT NULL`)})`,
    );
    for (const table of [
      "visits",
      "vaccinations",
      "medications",
      "allergies",
      "lab_results",
      "clinical_alerts",
      "home_notes",
    ]) {
      await db.query(`CREATE INDEX ${table}_timeline_idx ON ehr.${table} (pet_id, occurred_at DESC, seq DESC)`);
    }
    await db.query(`
      CREATE VIEW ehr.timeline AS
        SELECT 'VISIT' AS kind, id, seq, pet_id, occurred_at FROM ehr.visits
        UNION ALL SELECT 'VACCINATION', id, seq, pet_id, occurred_at FROM ehr.vaccinations
        UNION ALL SELECT 'MEDICATION', id, seq, pet_id, occurred_at FROM ehr.medications
        UNION ALL SELECT 'ALLERGY', id, seq, pet_id, occurred_at FROM ehr.allergies
        UNION ALL SELECT 'LAB_RESULT', id, seq, pet_id, occurred_at FROM ehr.lab_results
        UNION ALL SELECT 'CLINICAL_ALERT', id, seq, pet_id, occurred_at FROM ehr.clinical_alerts
        UNION ALL SELECT 'HOME_NOTE', id, seq, pet_id, occurred_at FROM ehr.home_notes`);
    await db.query(`
      CREATE TABLE ehr.access_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        pet_id uuid NOT NULL,
        viewer_id uuid NOT NULL,
        clinic_id uuid,
        action text NOT NULL,
        request_id text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX access_log_pet_idx ON ehr.access_log (pet_id, seq DESC)`);
    await db.query(`
      CREATE TABLE ehr.recall_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        species text NOT NULL,
        code text NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        interval_days int NOT NULL CHECK (interval_days > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (species, code)
      )`);
    await db.query(`
      INSERT INTO ehr.recall_rules (species, code, kind, name, interval_days) VALUES
        ('DOG', 'RABIES', 'VACCINATION', 'Rabies', 365),
        ('DOG', 'DHPP', 'VACCINATION', 'Distemper, hepatitis, parvovirus, parainfluenza (DHPP)', 365),
        ('DOG', 'LEPTOSPIROSIS', 'VACCINATION', 'Leptospirosis', 365),
        ('DOG', 'BORDETELLA', 'VACCINATION', 'Kennel cough (Bordetella)', 365),
        ('DOG', 'FLEA_TICK', 'TREATMENT', 'Flea and tick treatment', 30),
        ('DOG', 'DEWORMING', 'TREATMENT', 'Worming', 90),
        ('CAT', 'RABIES', 'VACCINATION', 'Rabies', 365),
        ('CAT', 'FVRCP', 'VACCINATION', 'Feline viral rhinotracheitis, calicivirus, panleukopenia (FVRCP)', 365),
        ('CAT', 'FELV', 'VACCINATION', 'Feline leukaemia (FeLV)', 365),
        ('CAT', 'FLEA_TICK', 'TREATMENT', 'Flea treatment', 30),
        ('CAT', 'DEWORMING', 'TREATMENT', 'Worming', 90),
        ('RABBIT', 'RHDV', 'VACCINATION', 'Rabbit haemorrhagic disease (RHDV1/2)', 365),
        ('RABBIT', 'MYXOMATOSIS', 'VACCINATION', 'Myxomatosis', 365),
        ('FERRET', 'RABIES', 'VACCINATION', 'Rabies', 365),
        ('FERRET', 'DISTEMPER', 'VACCINATION', 'Canine distemper', 365),
        ('HORSE', 'TETANUS', 'VACCINATION', 'Tetanus', 730),
        ('HORSE', 'EQUINE_INFLUENZA', 'VACCINATION', 'Equine influenza', 365)`);
    await db.query(`
      CREATE TABLE ehr.reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pet_id uuid NOT NULL,
        code text NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'OPEN',
        snoozed_until date,
        source_vaccination_id uuid REFERENCES ehr.vaccinations(id) ON DELETE SET NULL,
        due_event_at timestamptz,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One open reminder per pet and subject: a new vaccination moves it instead of adding another.
    await db.query(`CREATE UNIQUE INDEX reminders_open_key ON ehr.reminders (pet_id, code) WHERE status = 'OPEN'`);
    await db.query(
      `CREATE INDEX reminders_due_idx ON ehr.reminders (due_on) WHERE status = 'OPEN' AND due_event_at IS NULL`,
    );
    await db.query(`
      CREATE TABLE ehr.attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pet_id uuid NOT NULL,
        record_kind text,
        record_id uuid,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL,
        storage_key text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'PENDING',
        uploaded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        uploaded_at timestamptz
      )`);
    await db.query(`CREATE INDEX attachments_record_idx ON ehr.attachments (record_id) WHERE record_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ["attachments", "reminders", "recall_rules", "access_log"])
      await db.query(`DROP TABLE ehr.${table}`);
    await db.query(`DROP VIEW ehr.timeline`);
    for (const table of [
      "home_notes",
      "clinical_alerts",
      "lab_results",
      "allergies",
      "medications",
      "vaccinations",
      "diagnoses",
      "visits",
    ]) {
      await db.query(`DROP TABLE ehr.${table}`);
    }
  }
}
