// Keeps docker-compose.yml in step with supergraph.yaml: same names, ports, health checks and workspaces.
// deploy/k8s is checked by k8s.test.ts.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { readYaml, redisOptions, root, subgraphs, supergraph } from "./deploy-files";

type PortMapping = string | number | { target: number | string; published?: number | string };

interface ComposeService {
  image?: string;
  build?: string | { context?: string; args?: Record<string, string> | string[] };
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: PortMapping[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  command?: string | string[];
  entrypoint?: string | string[];
  restart?: string;
  volumes?: (string | { source?: string; target?: string })[];
}

interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** `KEY=value` lists and maps both become a map, as Compose reads them. */
function keyValues(entries: Record<string, unknown> | string[] | undefined): Record<string, string> {
  if (Array.isArray(entries)) {
    return Object.fromEntries(
      entries.map((entry) => [entry.split("=")[0] ?? entry, entry.slice(entry.indexOf("=") + 1)]),
    );
  }
  return Object.fromEntries(Object.entries(entries ?? {}).map(([key, value]) => [key, String(value ?? "")]));
}

/** Host and container ports of each mapping, from the short ("[ip:]host:container[/proto]") or long syntax. */
function portMappings(service: ComposeService): { published: number; target: number }[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === "object") return { published: Number(port.published), target: Number(port.target) };
    const parts = String(port)
      .replace(/\/\w+$/, "")
      .split(":");
    const target = Number(parts.at(-1));
    return { published: parts.length > 1 ? Number(parts.at(-2)) : Number.NaN, target };
  });
}

function dependencies(service: ComposeService): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep?.condition]));
}

const buildArgs = (service: ComposeService): Record<string, string> =>
  typeof service.build === "object" ? keyValues(service.build.args) : {};

const execFileAsync = promisify(execFile);
/** A path inside the image (the Dockerfile copies the repository to /app) as a path in this checkout. */
const inRepo = (imagePath: string) => join(root, imagePath.replace(/^\/app\//, ""));

/** Runs a healthcheck script as its container would: in the workspace folder, with the given environment. */
async function runHealthcheck(args: string[], workspace: string, env: Record<string, string | undefined>) {
  const environment = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete environment[key];
  try {
    const { stdout } = await execFileAsync("node", args, { cwd: join(root, workspace), env: environment });
    return { code: 0, stdout: stdout.trim() };
  } catch (error) {
    return { code: (error as { code?: number }).code ?? -1, stdout: "" };
  }
}

const compose = readYaml<Compose>("docker-compose.yml");
/** Services built from this repository's Dockerfile: the gateway and the subgraphs. */
const appServices = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);
const gateway = compose.services.gateway;
/** One-shot setup jobs (MinIO's bucket): they run once and exit, so others wait for them to succeed, not to be healthy. */
const oneShot = new Set(Object.keys(compose.services).filter((name) => compose.services[name]!.restart === "no"));
/** What a dependant waits for: a one-shot job's success, any other service's health. */
const readyCondition = (name: string) => (oneShot.has(name) ? "service_completed_successfully" : "service_healthy");

describe("supergraph.yaml", () => {
  it("lists subgraphs", () => {
    expect(subgraphs.length).toBeGreaterThan(0);
  });

  it.each(subgraphs)("gives $name a routing_url with an explicit port and a schema file", ({ name, port }) => {
    expect(port).toBeGreaterThan(0);
    expect(supergraph.subgraphs[name]?.schema?.file).toEqual(expect.any(String));
  });
});

describe("docker-compose.yml", () => {
  describe.each(subgraphs)("subgraph $name", ({ name, port, urlVariable }) => {
    const service = compose.services[name];

    it("has a compose service of the same name", () => {
      expect(service).toBeDefined();
    });

    it("publishes the routing_url port and listens on it", () => {
      expect(portMappings(service!)).toContainEqual({ published: port, target: port });
      const env = keyValues(service!.environment);
      if (env.PORT !== undefined) expect(Number(env.PORT)).toBe(port);
    });

    it("is routed to by the gateway by its service name", () => {
      expect(keyValues(gateway?.environment)[urlVariable]).toBe(`http://${name}:${port}/graphql`);
    });

    it("is awaited, healthy, by the gateway", () => {
      expect(dependencies(gateway!)).toMatchObject({ [name]: "service_healthy" });
    });
  });

  it("runs the gateway on port 4000", () => {
    expect(gateway).toBeDefined();
    expect(portMappings(gateway!)).toContainEqual({ published: 4000, target: 4000 });
  });

  it.each(appServices)("checks the readiness of %s on its own port", async (_name, service) => {
    expect(service.healthcheck?.disable).not.toBe(true);
    const [form, program, script, path, ...rest] = (service.healthcheck?.test ?? []) as string[];
    expect([form, program, path, rest]).toEqual(["CMD", "node", "/readyz", []]);
    expect(existsSync(inRepo(script!))).toBe(true);
    const port = keyValues(service.environment).PORT ?? String(portMappings(service)[0]?.target);
    const check = await runHealthcheck([inRepo(script!), path!, "--print-url"], buildArgs(service).WORKSPACE!, {
      PORT: port,
    });
    expect(check).toEqual({ code: 0, stdout: `http://127.0.0.1:${port}/readyz` });
  });

  it.each(Object.keys(compose.services).filter((name) => !oneShot.has(name)))(
    "has a health check for %s, so services can wait for it",
    (name) => {
      expect(compose.services[name]!.healthcheck?.test).toBeDefined();
      expect(compose.services[name]!.healthcheck?.disable).not.toBe(true);
    },
  );

  it("waits only for services that exist, with no cycle", () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string, path: string[]): void => {
      expect({ path, exists: compose.services[name] !== undefined }).toEqual({ path, exists: true });
      if (done.has(name)) return;
      expect({ cycle: [...path, name], repeats: visiting.has(name) }).toEqual({
        cycle: [...path, name],
        repeats: false,
      });
      visiting.add(name);
      for (const dependency of Object.keys(dependencies(compose.services[name]!))) visit(dependency, [...path, name]);
      visiting.delete(name);
      done.add(name);
    };
    for (const name of Object.keys(compose.services)) visit(name, []);
  });

  it.each(appServices)("gives %s no secret with a literal default (only required or empty)", (_name, service) => {
    // Settings named like secrets, less switches (REQUIRE_GATEWAY_SECRET) and app links (RESET_PASSWORD_URL).
    const secrets = Object.entries(keyValues(service.environment)).filter(
      ([key]) => /SECRET|PRIVATE_KEY|TOKEN|API_KEY|PASSWORD/.test(key) && !/^REQUIRE_|_URL$/.test(key),
    );
    for (const [key, value] of secrets)
      expect({ key, value }).toEqual({ key, value: expect.stringMatching(/^\$\{\w+(:\?[^}]+|:-)\}$/) });
  });

  it.each(appServices)("starts %s only after its dependencies are healthy", (_name, service) => {
    const waits = Object.entries(dependencies(service));
    expect(waits.length).toBeGreaterThan(0);
    for (const [name, condition] of waits)
      expect({ name, condition }).toEqual({ name, condition: readyCondition(name) });
  });

  it.each(appServices)("builds %s from a workspace folder of this repository", (_name, service) => {
    const workspace = buildArgs(service).WORKSPACE;
    expect(workspace).toEqual(expect.any(String));
    expect(existsSync(join(root, workspace!, "package.json"))).toBe(true);
  });

  it.each(appServices)("passes %s the metrics token from the environment, never a literal", (_name, service) => {
    expect(keyValues(service.environment).METRICS_TOKEN).toBe("${METRICS_TOKEN:-}");
  });

  it.each(appServices)("requires the gateway secret in %s, with no default value to fall back on", (_name, service) => {
    const environment = keyValues(service.environment);
    expect(environment.REQUIRE_GATEWAY_SECRET).toBe("true");
    expect(environment.NODE_ENV).toBe("production");
    // `${VAR:?message}` makes Compose refuse to start when the variable is unset or empty.
    expect(environment.GATEWAY_SECRET).toMatch(/^\$\{GATEWAY_SECRET:\?[^}]+\}$/);
  });

  it.each(appServices.filter(([name]) => name !== "gateway"))(
    "gives %s MinIO's bucket for its files, as production requires (nothing is written to the container's disk)",
    (_name, service) => {
      const environment = keyValues(service.environment);
      expect(environment).toMatchObject({ S3_BUCKET: "pawgraph", S3_ENDPOINT: "http://minio:9000" });
      expect(environment.AWS_SECRET_ACCESS_KEY).toMatch(/^\$\{MINIO_ROOT_PASSWORD:\?[^}]+\}$/);
      expect(dependencies(service)["minio-bucket"]).toBe("service_completed_successfully");
    },
  );

  it("creates that bucket in MinIO before any app starts", () => {
    const job = compose.services["minio-bucket"]!;
    expect(oneShot.has("minio-bucket")).toBe(true);
    expect(dependencies(job)).toEqual({ minio: "service_healthy" });
    expect([job.entrypoint].flat().join(" ")).toContain("mc mb --ignore-existing local/pawgraph");
    expect(keyValues(compose.services.minio!.environment).MINIO_ROOT_PASSWORD).toMatch(/^\$\{MINIO_ROOT_PASSWORD:\?/);
  });

  it("requires the calendar feed secret in bookings, with no default (production stops without it)", () => {
    expect(keyValues(compose.services.bookings!.environment).CALENDAR_FEED_SECRET).toMatch(
      /^\$\{CALENDAR_FEED_SECRET:\?[^}]+\}$/,
    );
  });

  it("runs Postgres from a pgvector image and has Redis", () => {
    expect(compose.services.postgres?.image).toMatch(/^pgvector\/pgvector:/);
    expect(compose.services.redis?.image).toMatch(/^redis:/);
    expect(compose.services.postgres?.healthcheck?.test).toBeDefined();
    expect(compose.services.redis?.healthcheck?.test).toBeDefined();
  });

  it("runs Redis with AOF on a named volume, so a restart keeps events and subscriptions' state (docs/decisions/0026)", () => {
    const redis = compose.services.redis!;
    expect(redisOptions(redis.command)).toMatchObject({ appendonly: "yes" });
    const data = (redis.volumes ?? [])
      .map((v) => (typeof v === "string" ? { source: v.split(":")[0], target: v.split(":")[1] } : v))
      .find((v) => v.target === "/data");
    expect(data?.source).toEqual(expect.any(String));
    expect(Object.keys(compose.volumes ?? {})).toContain(data!.source);
  });
});

describe("Dockerfile", () => {
  /** The instructions of the Dockerfile's last stage (the runtime image), continuation lines joined. */
  const runtime = readFileSync(join(root, "Dockerfile"), "utf8")
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"))
    .map((line) => {
      const [instruction = "", ...args] = line.trim().split(/\s+/);
      return { instruction: instruction.toUpperCase(), args: args.join(" ") };
    })
    .reduce<{ instruction: string; args: string }[]>(
      (stage, step) => (step.instruction === "FROM" ? [step] : [...stage, step]),
      [],
    );
  const steps = (instruction: string) => runtime.filter((step) => step.instruction === instruction);
  const position = (instruction: string) => runtime.findIndex((step) => step.instruction === instruction);

  it("runs the app as the unprivileged node user, never switching back", () => {
    expect(steps("USER").map((step) => step.args)).toEqual(["node"]);
    expect(position("USER")).toBeLessThan(position("CMD"));
  });

  it("gives the runtime user its files: every COPY into the runtime image is owned by node", () => {
    expect(steps("COPY").length).toBeGreaterThan(0);
    for (const step of steps("COPY")) expect(step.args).toMatch(/(^|\s)--chown=node:node(\s|$)/);
  });

  it("runs the production build: compiled JavaScript and production dependencies, no TypeScript loader", () => {
    // What the build holds and that every process boots from it: e2e/read-only-production.e2e.test.ts.
    const dockerfile = readFileSync(join(root, "Dockerfile"), "utf8").replace(/\\\n/g, " ");
    expect(dockerfile).toMatch(/RUN[^\n]*node scripts\/production-build\.mjs \/out --install/);
    expect(steps("COPY").map((step) => step.args)).toEqual(["--from=build --chown=node:node /out/ ./"]);
    expect(JSON.parse(steps("CMD")[0]!.args)).toEqual(["node", "src/main.js"]);
    expect(JSON.stringify(runtime)).not.toMatch(/swc/);
  });

  it("checks the container's liveness with the health check script, which the image contains", () => {
    const [healthcheck] = steps("HEALTHCHECK");
    expect(healthcheck?.args).toMatch(/--timeout=\d+s/);
    const command = JSON.parse(healthcheck!.args.slice(healthcheck!.args.indexOf("CMD ") + 4)) as string[];
    expect(command).toEqual(["node", expect.stringMatching(/^\/app\//), "/healthz"]);
    expect(existsSync(inRepo(command[1]!))).toBe(true);
    const ignored = readFileSync(join(root, ".dockerignore"), "utf8").split("\n");
    expect(ignored.filter((pattern) => /^\/?scripts\b|^\*\*?\/?\*?\.mjs$/.test(pattern.trim()))).toEqual([]);
  });
});

describe("scripts/healthcheck.mjs", () => {
  const script = join(root, "scripts/healthcheck.mjs");
  let server: Server;
  let port: number;

  beforeAll(async () => {
    // Live but not ready, as a subgraph whose database is down answers.
    server = createServer((req, res) => {
      res.statusCode = req.url === "/healthz" ? 200 : 503;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("passes on a 2xx answer and fails on any other, on PORT", async () => {
    expect((await runHealthcheck([script], "gateway", { PORT: String(port) })).code).toBe(0);
    expect((await runHealthcheck([script, "/healthz"], "gateway", { PORT: String(port) })).code).toBe(0);
    expect((await runHealthcheck([script, "/readyz"], "gateway", { PORT: String(port) })).code).toBe(1);
  });

  it("fails when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await runHealthcheck([script], "gateway", { PORT: String(freePort) })).code).toBe(1);
  });

  it.each([
    ...subgraphs.map((s) => ({ ...s, workspace: `subgraphs/${s.name}` })),
    { name: "gateway", port: 4000, workspace: "gateway" },
  ])(
    "finds $name's default port ($port) from its workspace when PORT is unset",
    async ({ name, port: defaultPort, workspace }) => {
      const check = await runHealthcheck([script, "--print-url"], workspace, {
        PORT: undefined,
        [`${name.toUpperCase()}_PORT`]: undefined,
      });
      expect(check).toEqual({ code: 0, stdout: `http://127.0.0.1:${defaultPort}/healthz` });
    },
  );
});
