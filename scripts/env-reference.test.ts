// The configuration reference is generated from the code (scripts/env-reference.ts); this keeps the committed
// copies in step with it, and the deployment files in step with what the code reads: a variable set in
// docker-compose.yml or deploy/k8s that no process reads is a typo or a leftover, and silently does nothing.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, parseAllDocuments } from "yaml";
import {
  collectVariables,
  generatedFiles,
  LIBRARY_VARIABLES,
  processEntries,
  ROOT,
  type EnvVariable,
} from "./env-reference";

interface Container {
  name: string;
  env?: { name: string }[];
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: { template?: { spec?: { containers?: Container[] } } };
}
interface ComposeService {
  build?: unknown;
  environment?: Record<string, unknown> | string[];
}

/** Read by libraries (the OpenTelemetry SDK, google-auth-library, the AWS SDK), so no code of ours names them. */
const READ_BY_LIBRARIES = new Set(LIBRARY_VARIABLES.map((v) => v.name));

const subgraphNames = processEntries()
  .map((e) => e.process)
  .filter((p) => p !== "gateway")
  .map((p) => p.toUpperCase());

/** A name the variable stands for: itself, or with `<SUBGRAPH>` any subgraph's name and `<NAME>` any word. */
function matcher(variable: EnvVariable): RegExp {
  const pattern = variable.name
    .replace(/<SUBGRAPH>/g, `(${subgraphNames.join("|")})`)
    .replace(/<[A-Z_]+>/g, "[A-Z][A-Z0-9_]*");
  return new RegExp(`^${pattern}$`);
}

describe("the configuration reference", () => {
  let variables: EnvVariable[];
  beforeAll(() => {
    variables = collectVariables();
  }, 120_000);

  const readBy = (name: string, process?: string) =>
    READ_BY_LIBRARIES.has(name) ||
    variables.some((v) => (!process || v.processes.includes(process)) && matcher(v).test(name));

  it("finds the variables every process reads, with their defaults and descriptions", () => {
    const byName = new Map(variables.map((v) => [v.name, v]));
    expect(byName.get("RESPONSE_CACHE_POLL_MS")).toMatchObject({ processes: ["gateway"], default: "`250`" });
    expect(byName.get("GATEWAY_SECRET")).toMatchObject({ requiredInProduction: true });
    expect(byName.get("GATEWAY_SECRET")?.processes).toEqual(expect.arrayContaining(["gateway", "identity", "reports"]));
    // A helper of identity's (`limitFromEnv(name, …)`) reads `name` and `${name}_WINDOW_SECONDS`.
    expect(byName.get("LOGIN_RATE_LIMIT_PER_IP_WINDOW_SECONDS")).toMatchObject({ default: "`3600`" });
    // `${name}_CLIENT_ID` over the providers' names is one variable per provider.
    expect(byName.get("APPLE_CLIENT_ID")?.processes).toEqual(["identity"]);
    // The kit's `databaseUrlFor` is in a file the gateway loads, but the gateway never calls it.
    expect(byName.get("DATABASE_URL")?.processes).not.toContain("gateway");
    expect(byName.get("PAWGRAPH_PG_PORT")?.processes).toEqual(["npm start"]);
  });

  it("describes every variable (add a JSDoc where the code reads one when this fails)", () => {
    expect(variables.filter((v) => !v.description).map((v) => `${v.name} (${v.files.join(", ")})`)).toEqual([]);
  });

  it("is committed as generated: docs/configuration.md, .env.example and README.md (`npm run env-reference`)", () => {
    for (const [path, text] of generatedFiles(variables)) {
      expect({ path, text: readFileSync(join(ROOT, path), "utf8") }).toEqual({ path, text });
    }
  }, 120_000);

  it("knows every variable docker-compose.yml gives a process of ours", () => {
    // Without merging `<<: *app-environment`: what every process gets is checked once, against any process.
    const compose = parse(readFileSync(join(ROOT, "docker-compose.yml"), "utf8")) as {
      "x-app-environment": Record<string, unknown>;
      services: Record<string, ComposeService>;
    };
    const unknown = Object.keys(compose["x-app-environment"])
      .filter((name) => !readBy(name))
      .map((name) => `x-app-environment: ${name}`);
    for (const [service, config] of Object.entries(compose.services)) {
      if (!config.build) continue; // postgres, redis, mailpit: not ours
      const environment = config.environment ?? {};
      const names = Array.isArray(environment) ? environment.map((e) => e.split("=")[0]!) : Object.keys(environment);
      for (const name of names.filter((n) => n !== "<<"))
        if (!readBy(name, service)) unknown.push(`${service}: ${name}`);
    }
    expect(unknown).toEqual([]);
  });

  it("knows every variable deploy/k8s gives a process of ours, and every key of its ConfigMap", () => {
    const dir = join(ROOT, "deploy/k8s");
    const unknown: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
      for (const doc of parseAllDocuments(readFileSync(join(dir, file), "utf8"))) {
        const manifest = doc.toJS() as Manifest | null;
        if (manifest?.kind === "ConfigMap")
          for (const key of Object.keys(manifest.data ?? {})) if (!readBy(key)) unknown.push(`${file}: ${key}`);
        for (const container of manifest?.spec?.template?.spec?.containers ?? []) {
          const process = processEntries().find((e) => e.process === container.name)?.process;
          if (!process) continue; // redis
          for (const { name } of container.env ?? []) if (!readBy(name, process)) unknown.push(`${file}: ${name}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });
});
