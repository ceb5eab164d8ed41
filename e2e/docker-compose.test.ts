// Keeps docker-compose.yml and deploy/k8s in step with supergraph.yaml: same names, ports, health checks and workspaces.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse, parseAllDocuments } from "yaml";

const root = resolve(__dirname, "..");
const readYaml = <T>(file: string): T => parse(readFileSync(join(root, file), "utf8"), { merge: true }) as T;

interface Supergraph {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

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

/** `--name value` pairs of a redis-server command line, e.g. `appendonly` → `yes`. */
function redisOptions(args: string | string[] | undefined): Record<string, string> {
  const words = Array.isArray(args) ? args : (args ?? "").split(/\s+/);
  const options: Record<string, string> = {};
  words.forEach((word, i) => {
    if (word.startsWith("--")) options[word.slice(2)] = words[i + 1] ?? "";
  });
  return options;
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

const supergraph = readYaml<Supergraph>("supergraph.yaml");
const compose = readYaml<Compose>("docker-compose.yml");
const subgraphs = Object.entries(supergraph.subgraphs ?? {}).map(([name, config]) => ({
  name,
  port: Number(new URL(config.routing_url).port),
  urlVariable: `${name.toUpperCase().replace(/-/g, "_")}_URL`,
}));
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

describe("deploy/k8s", () => {
  interface Manifest {
    kind: string;
    metadata: { name: string };
    spec?: Record<string, unknown>;
    data?: Record<string, string>;
  }
  interface Container {
    ports?: { containerPort: number }[];
    env?: { name: string; value?: string }[];
    readinessProbe?: { httpGet?: { path: string } };
    livenessProbe?: { httpGet?: { path: string } };
  }

  const dir = join(root, "deploy/k8s");
  const kustomization = parse(readFileSync(join(dir, "kustomization.yaml"), "utf8")) as { resources: string[] };
  const manifests = kustomization.resources.flatMap((file) =>
    parseAllDocuments(readFileSync(join(dir, file), "utf8")).map((doc) => doc.toJS() as Manifest),
  );
  const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
  const container = (name: string): Container | undefined =>
    (find("Deployment", name)?.spec as { template?: { spec?: { containers?: Container[] } } } | undefined)?.template
      ?.spec?.containers?.[0];

  it.each([...subgraphs, { name: "gateway", port: 4000 }])(
    "runs $name on port $port with health probes",
    ({ name, port }) => {
      const app = container(name);
      expect(app?.ports?.map((p) => p.containerPort)).toEqual([port]);
      expect(app?.env?.find((e) => e.name === "PORT")?.value).toBe(String(port));
      expect(app?.readinessProbe?.httpGet?.path).toBe("/readyz");
      expect(app?.livenessProbe?.httpGet?.path).toBe("/healthz");
      const service = find("Service", name)?.spec as { ports?: { port: number }[] } | undefined;
      expect(service?.ports?.map((p) => p.port)).toEqual([port]);
    },
  );

  it.each(subgraphs)("routes the gateway to $name by its Service name", ({ name, port, urlVariable }) => {
    expect(find("ConfigMap", "pawgraph-config")?.data?.[urlVariable]).toBe(`http://${name}:${port}/graphql`);
  });

  it.each([...subgraphs.map((s) => s.name), "gateway"])(
    "gives %s the gateway secret only from the Secret, never a literal value",
    (name) => {
      const env = (container(name)?.env ?? []) as {
        name: string;
        value?: string;
        valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
      }[];
      const secret = env.find((e) => e.name === "GATEWAY_SECRET");
      expect(secret?.value).toBeUndefined();
      expect(secret?.valueFrom?.secretKeyRef).toMatchObject({ name: "pawgraph-secrets", key: "GATEWAY_SECRET" });
      expect(secret?.valueFrom?.secretKeyRef?.optional).not.toBe(true);
      expect(find("ConfigMap", "pawgraph-config")?.data?.GATEWAY_SECRET).toBeUndefined();
      expect(manifests.some((m) => m.kind === "Secret")).toBe(false);
    },
  );

  it.each([...subgraphs.map((s) => s.name), "gateway"])(
    "gives %s the metrics token only from the Secret, and runs without one (/metrics then answers 404)",
    (name) => {
      const env = (container(name)?.env ?? []) as {
        name: string;
        value?: string;
        valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
      }[];
      const token = env.find((e) => e.name === "METRICS_TOKEN");
      expect(token).toEqual({
        name: "METRICS_TOKEN",
        valueFrom: { secretKeyRef: { name: "pawgraph-secrets", key: "METRICS_TOKEN", optional: true } },
      });
      expect(find("ConfigMap", "pawgraph-config")?.data?.METRICS_TOKEN).toBeUndefined();
    },
  );

  it("parses strictly: no manifest repeats a key (kubectl refuses what a lenient parser accepts)", () => {
    for (const file of kustomization.resources)
      for (const doc of parseAllDocuments(readFileSync(join(dir, file), "utf8"), { uniqueKeys: true }))
        expect({ file, errors: doc.errors.map((e) => e.message) }).toEqual({ file, errors: [] });
  });

  const kubectl = (() => {
    try {
      execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  (kubectl ? it : it.skip)("builds with `kubectl kustomize` (skipped: no kubectl on this machine)", () => {
    const built = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8" });
    const kinds = parseAllDocuments(built).map((doc) => doc.toJS() as Manifest);
    for (const { name } of subgraphs)
      expect(kinds.some((m) => m.kind === "Deployment" && m.metadata.name === name)).toBe(true);
  });

  it("autoscales the gateway", () => {
    expect(find("HorizontalPodAutoscaler", "gateway")).toBeDefined();
  });

  it("runs Redis as a StatefulSet with AOF on a persistent volume, behind Service redis (docs/decisions/0026)", () => {
    const spec = find("StatefulSet", "redis")?.spec as
      | {
          template: {
            spec: {
              containers: {
                args?: string[];
                command?: string[];
                volumeMounts?: { name: string; mountPath: string }[];
              }[];
            };
          };
          volumeClaimTemplates?: { metadata: { name: string } }[];
        }
      | undefined;
    const redis = spec?.template.spec.containers[0];
    expect(redisOptions([...(redis?.command ?? []), ...(redis?.args ?? [])])).toMatchObject({
      appendonly: "yes",
      dir: "/data",
    });
    const mount = redis?.volumeMounts?.find((m) => m.mountPath === "/data");
    expect(spec?.volumeClaimTemplates?.map((claim) => claim.metadata.name)).toContain(mount?.name);
    expect(
      (find("Service", "redis")?.spec as { ports?: { port: number }[] } | undefined)?.ports?.map((p) => p.port),
    ).toEqual([6379]);
  });
});
