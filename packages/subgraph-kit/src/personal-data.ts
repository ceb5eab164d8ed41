/**
 * Where a subgraph keeps personal data: every table with a column naming a person (a user id or
 * contact details), and what erasure does to it. Privacy requests (a copy of one's data, erasure)
 * are carried out from these lists, and `scripts/personal-data.test.ts` fails when a migrated table
 * has a column that looks personal and is not listed (docs/decisions/0044).
 */

/** What erasure does to the rows a table holds about the person. */
export type ErasureRule =
  /** The rows are the person's own and nobody else relies on them: they are deleted. */
  | "delete"
  /**
   * Others rely on the rows (a pet's other owner, a clinic's medical record) or the law keeps them
   * (orders and payments): they stay, with the person's id replaced by a random id made for the
   * erasure (linked to nobody) and the personal columns cleared.
   */
  | "anonymise"
  /** The rows lapse on their own within a short, stated time (a revocation outlives no token) and hold nothing else. */
  | "expire";

export interface PersonalDataTable {
  /** Columns holding the person's user id: rows where one of them is the person are theirs. */
  readonly subject: readonly string[];
  /** Columns holding an email address: rows where one is the person's address are theirs too (a share by email). */
  readonly subjectEmail?: readonly string[];
  /** Other columns holding personal data in those rows: email and postal addresses, names, device tokens. */
  readonly personal?: readonly string[];
  readonly erasure: ErasureRule;
  /** Why this rule: who else relies on the rows, or how long the law keeps them. */
  readonly reason: string;
}

export interface PersonalDataRegistry {
  /** The Postgres schema the subgraph's tables live in. */
  readonly schema: string;
  /** By table name. */
  readonly tables: Readonly<Record<string, PersonalDataTable>>;
  /**
   * Columns that look personal but are not a person's data, as `table.column`, each with the reason
   * (a clinic's business telephone number, a role's name).
   */
  readonly notPersonal?: Readonly<Record<string, string>>;
}

/**
 * Column names that look like they hold a person or their contact details: a user's id under a role
 * name (`owner_id`, `recorded_by`), an email or postal address, a telephone number, a name shown to
 * others, an IP address, a payment provider's customer, a device token.
 */
export const PERSONAL_COLUMN =
  /(^|_)(user|owner|buyer|author|sender|vet|actor|recipient|invitee|inviter|member|customer|holder|viewer|prescriber)_id$|_by$|email|phone|address|^display_name$|_ip$|^payment_customer$|^token$/;

/** Checks a registry's own consistency and returns it (a subgraph's list is a constant checked at load). */
export function definePersonalData(registry: PersonalDataRegistry): PersonalDataRegistry {
  for (const [table, entry] of Object.entries(registry.tables)) {
    if (entry.subject.length + (entry.subjectEmail?.length ?? 0) === 0)
      throw new Error(`personal data: ${registry.schema}.${table} names no subject column`);
    if (!entry.reason.trim()) throw new Error(`personal data: ${registry.schema}.${table} gives no reason`);
  }
  return registry;
}

/**
 * Schemas the kit owns rather than a subgraph, and why erasure leaves them: the embedded event log
 * (no REDIS_URL) holds events whose payloads name people, and drops each after its retention (7 days).
 */
export const KIT_OWNED_SCHEMAS: Readonly<Record<string, string>> = {
  pawgraph_events: "The embedded event log: events name people in their payloads and are dropped after 7 days.",
};
