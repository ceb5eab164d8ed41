/** Reads typed settings from the environment with development defaults, failing loudly on bad values. */
export function envString(name: string, fallback?: string): string {
  const value = process.env[name];
  if (value !== undefined && value !== "") return value;
  if (fallback !== undefined) return fallback;
  throw new Error(`Missing required environment variable ${name}`);
}

export function envOptional(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === "" ? undefined : value;
}

export function envInt(name: string, fallback: number): number {
  const raw = envOptional(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return value;
}

export function envBool(name: string, fallback: boolean): boolean {
  const raw = envOptional(name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new Error(`${name} must be a boolean (true/false), got "${raw}"`);
}

/**
 * `NODE_ENV=production` turns off Sandbox, introspection and demo data and makes the secrets required;
 * `development` adds GraphQL's "Did you mean" hints to errors.
 */
export const isProduction = (): boolean => process.env.NODE_ENV === "production";

/** The database URL for one subgraph: `<NAME>_DATABASE_URL`, else `DATABASE_URL`. */
export function databaseUrlFor(subgraph: string): string {
  /** `<SUBGRAPH>_DATABASE_URL`, e.g. `PETS_DATABASE_URL`: one subgraph's own database (database per service). */
  const specific = envOptional(`${subgraph.toUpperCase()}_DATABASE_URL`);
  const url = specific ?? envOptional("DATABASE_URL");
  if (!url) {
    throw new Error(
      `No database configured for ${subgraph}: set DATABASE_URL (or ${subgraph.toUpperCase()}_DATABASE_URL), ` +
        "or start the stack with `npm start`, which runs an embedded Postgres.",
    );
  }
  return url;
}

/**
 * The public origin a subgraph's links (signed files, calendar feeds, exports) start at:
 * `<NAME>_PUBLIC_URL`, else `PUBLIC_URL`, else the local gateway's http://localhost:4000. It is the
 * gateway's origin, which forwards those paths to the subgraph (docs/decisions/0060).
 */
export function publicUrlFor(subgraph: string): string {
  return (
    // One subgraph's public origin, when it is not the gateway's (`PUBLIC_URL`).
    (
      envOptional(`${subgraph.toUpperCase()}_PUBLIC_URL`) ??
      // The gateway's public origin, where every link a subgraph hands out starts (signed files, calendar feeds, report
      // exports); required in production: a link to a developer's machine in a real inbox or calendar would be broken.
      envString("PUBLIC_URL", isProduction() ? undefined : "http://localhost:4000")
    ).replace(/\/+$/, "")
  );
}

/** Where development state lives (embedded Postgres, dev signing keys): `PAWGRAPH_DATA_DIR` or `<repo>/.data`. */
export function dataDir(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { resolve } = require("node:path") as typeof import("node:path");
  return envOptional("PAWGRAPH_DATA_DIR") ?? resolve(__dirname, "../../../.data");
}
