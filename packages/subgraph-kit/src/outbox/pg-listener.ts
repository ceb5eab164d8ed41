import { Client, type ClientConfig } from "pg";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { backoffDelay, errorMessage } from "./timing";

/** The pg connection settings of a TypeORM Postgres data source, for a side connection such as LISTEN. */
export function pgConfigOf(dataSource: DataSource): ClientConfig {
  const options = dataSource.options;
  if (options.type !== "postgres") throw new Error(`The outbox needs a Postgres data source, got ${options.type}`);
  // TypeORM hands `ssl` to pg unchanged; its type is Node's server-side TlsOptions, pg's the client-side one.
  const ssl = options.ssl as ClientConfig["ssl"];
  // TypeORM lets `url` win over the separate fields; so does this.
  if (options.url) return { connectionString: options.url, ssl };
  return {
    host: options.host,
    port: options.port,
    user: options.username,
    password: options.password,
    database: options.database,
    ssl,
  };
}

export interface PgListenerOptions {
  connection: ClientConfig;
  channel: string;
  log: Logger;
  /**
   * Called with each notification's payload, and with `undefined` after a reconnect: notifications
   * may have been missed, and the database is reachable again (loops in backoff may retry now).
   */
  onNotify: (payload: string | undefined) => void;
}

/**
 * Holds one dedicated connection in LISTEN (outside the pool, so it never starves queries) and
 * reconnects with backoff when it drops. Callers also poll: LISTEN only makes them quicker.
 */
export class PgListener {
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;

  constructor(private readonly options: PgListenerOptions) {}

  /** Connects and listens; a failure is logged and retried in the background, never thrown. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    // Tracked so stop() can wait for an attempt in flight instead of leaving its socket behind.
    this.connecting = this.attempt().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async attempt(): Promise<void> {
    const { channel, log } = this.options;
    const client = new Client({ ...this.options.connection, application_name: `pawgraph-listen-${channel}` });
    // An 'error' event without a listener would crash the process; a dropped connection is routine.
    client.on("error", (error) => log.warn({ err: error, channel }, "LISTEN connection failed; reconnecting"));
    client.on("end", () => this.dropped(client));
    client.on("notification", (message) => {
      if (message.channel === channel) this.options.onNotify(message.payload ?? "");
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${channel}"`); // quoted: pg_notify matches the exact string
    } catch (error) {
      log.warn({ err: errorMessage(error), channel }, "LISTEN failed; relying on polling until it reconnects");
      await client.end().catch(() => undefined);
      this.dropped(client);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    if (this.failures > 0) this.options.onNotify(undefined);
    this.failures = 0;
  }

  private dropped(client: Client): void {
    if (this.stopped || this.retryTimer || (this.client !== undefined && this.client !== client)) return;
    this.client = undefined;
    this.failures += 1;
    // Capped at 1 s, unlike the loops' backoff: this reconnect is what tells them the database is
    // back (onNotify(undefined) ends their backoff), so its delay is the delay of delivery after an
    // outage. One connection attempt a second costs a down server nothing.
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        void this.connect();
      },
      backoffDelay(this.failures, 250, 1_000),
    );
  }
}
