import type { MigrationInterface, QueryRunner } from "typeorm";
import { outboxMigrationSql } from "@pawgraph/subgraph-kit";

/**
 * Clinics and their services, vets' weekly hours and date overrides, appointments (holds and
 * bookings) with the exclusion constraint that makes double booking impossible, calendar feeds,
 * and the outbox.
 */
export class Initial1764400000000 implements MigrationInterface {
  name = "Initial1764400000000";

  async up(db: QueryRunner): Promise<void> {
    // Extensions live in the shared "public" schema: btree_gist lets one GiST index mix = and &&;
    // cube + earthdistance compute great-circle distances for `clinics(near:)`.
    for (const extension of ["btree_gist", "cube", "earthdistance"]) {
      await db.query(`CREATE EXTENSION IF NOT EXISTS ${extension} WITH SCHEMA public`);
    }
    await db.query(`
      CREATE TABLE bookings.clinics (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        name text NOT NULL,
        address_line text NOT NULL,
        city text NOT NULL,
        postal_code text,
        country text NOT NULL,
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        time_zone text NOT NULL,
        phone text,
        opening_hours jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'PENDING',
        created_by uuid NOT NULL,
        approved_at timestamptz,
        min_notice_minutes int NOT NULL DEFAULT 60,
        max_advance_days int NOT NULL DEFAULT 60,
        hold_seconds int NOT NULL DEFAULT 300 CHECK (hold_seconds BETWEEN 1 AND 3600),
        cancel_cutoff_hours int NOT NULL DEFAULT 24,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX clinics_location_idx ON bookings.clinics USING gist (public.ll_to_earth(latitude, longitude)) WHERE status = 'APPROVED'`,
    );
    await db.query(`
      CREATE TABLE bookings.clinic_services (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        clinic_id uuid NOT NULL REFERENCES bookings.clinics(id) ON DELETE CASCADE,
        name text NOT NULL,
        duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
        price_cents int NOT NULL CHECK (price_cents >= 0),
        currency text NOT NULL DEFAULT 'EUR',
        species text[] NOT NULL DEFAULT '{}',
        kind text NOT NULL,
        buffer_before_minutes int NOT NULL DEFAULT 0 CHECK (buffer_before_minutes >= 0),
        buffer_after_minutes int NOT NULL DEFAULT 0 CHECK (buffer_after_minutes >= 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX clinic_services_clinic_idx ON bookings.clinic_services (clinic_id)`);
    await db.query(`
      CREATE TABLE bookings.vet_hours (
        clinic_id uuid NOT NULL REFERENCES bookings.clinics(id) ON DELETE CASCADE,
        vet_id uuid NOT NULL,
        weekday int NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        starts time NOT NULL,
        ends time NOT NULL CHECK (ends > starts),
        PRIMARY KEY (clinic_id, vet_id, weekday, starts)
      )`);
    await db.query(`
      CREATE TABLE bookings.schedule_overrides (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        clinic_id uuid NOT NULL REFERENCES bookings.clinics(id) ON DELETE CASCADE,
        vet_id uuid NOT NULL,
        on_date date NOT NULL,
        kind text NOT NULL,
        starts time,
        ends time,
        CHECK ((starts IS NULL AND ends IS NULL AND kind = 'OFF') OR (starts IS NOT NULL AND ends > starts))
      )`);
    await db.query(
      `CREATE INDEX schedule_overrides_vet_idx ON bookings.schedule_overrides (clinic_id, vet_id, on_date)`,
    );
    await db.query(`
      CREATE TABLE bookings.appointments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        clinic_id uuid NOT NULL REFERENCES bookings.clinics(id),
        service_id uuid NOT NULL REFERENCES bookings.clinic_services(id),
        vet_id uuid NOT NULL,
        holder_id uuid NOT NULL,
        pet_id uuid,
        status text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        during tstzrange NOT NULL,
        expires_at timestamptz,
        notes text,
        meeting_url text,
        sequence int NOT NULL DEFAULT 0,
        cancel_reason text,
        cancelled_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- The database, not the application, decides who gets a contested slot: a vet's live holds
        -- and bookings (buffers included in "during") never overlap.
        CONSTRAINT appointments_no_double_booking EXCLUDE USING gist (vet_id WITH =, during WITH &&)
          WHERE (status IN ('HELD', 'CONFIRMED'))
      )`);
    await db.query(
      `CREATE INDEX appointments_clinic_time_idx ON bookings.appointments (clinic_id, starts_at) WHERE status = 'CONFIRMED'`,
    );
    await db.query(
      `CREATE INDEX appointments_pet_idx ON bookings.appointments (pet_id, starts_at) WHERE pet_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX appointments_holder_idx ON bookings.appointments (holder_id, starts_at)`);
    await db.query(`
      CREATE TABLE bookings.calendar_feeds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        kind text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, kind)
      )`);
    for (const statement of outboxMigrationSql("bookings").up) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of outboxMigrationSql("bookings").down) await db.query(statement);
    for (const table of [
      "calendar_feeds",
      "appointments",
      "schedule_overrides",
      "vet_hours",
      "clinic_services",
      "clinics",
    ]) {
      await db.query(`DROP TABLE bookings.${table}`);
    }
  }
}
