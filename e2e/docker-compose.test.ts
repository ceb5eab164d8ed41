// Keeps docker-compose.yml in step with supergraph.yaml: same names, ports, health checks and workspaces.
// deploy/k8s is checked by k8s.test.ts.
import { existsSync } from "node:fs";
import { join } from "node:path";
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

const healthcheckCommand = (service: ComposeService): string => {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(" ") : (test ?? "");
};

const compose = readYaml<Compose>("docker-compose.yml");
/** Services built from this repository's Dockerfile: the gateway and the subgraphs. */
const appServices = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);
const gateway = compose.services.gateway;

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

  it.each(appServices)("checks the readiness of %s on its own port", (_name, service) => {
    expect(service.healthcheck?.disable).not.toBe(true);
    const port = keyValues(service.environment).PORT ?? String(portMappings(service)[0]?.target);
    expect(healthcheckCommand(service)).toContain(`localhost:${port}/readyz`);
  });

  it.each(appServices)("starts %s only after its dependencies are healthy", (_name, service) => {
    const conditions = Object.values(dependencies(service));
    expect(conditions.length).toBeGreaterThan(0);
    expect(conditions.every((condition) => condition === "service_healthy")).toBe(true);
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
