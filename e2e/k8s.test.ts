// deploy/k8s as the cluster would get it: built by `kubectl kustomize`, parsed strictly, every manifest validated
// against the Kubernetes API schemas (kubernetes-models, offline), and kept in step with supergraph.yaml.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Namespace, ConfigMap, Service } from "kubernetes-models/v1";
import { Deployment, StatefulSet } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { parseAllDocuments } from "yaml";
import { processes, redisOptions, root, subgraphs } from "./deploy-files";
import { fieldErrors } from "./k8s-field-check";

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
  };
}
interface Container {
  ports?: { containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
}
interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec?: { containers?: Container[] };
}

const dir = join(root, "deploy/k8s");
const kubectl = process.env.KUBECTL ?? "kubectl";

/** Parses a multi-document YAML stream, failing on any error or warning (a repeated key is one). */
function parseStrictly(text: string, source: string): Manifest[] {
  return parseAllDocuments(text, { uniqueKeys: true }).map((doc, index) => {
    const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
    if (problems.length > 0) throw new Error(`${source}, document ${index + 1}: ${problems.join("; ")}`);
    return doc.toJS() as Manifest;
  });
}

/** `kubectl kustomize deploy/k8s`, as `kubectl apply -k` would build it; the error instead when it fails. */
const build = (() => {
  try {
    const text = execFileSync(kubectl, ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { manifests: parseStrictly(text, "kubectl kustomize output"), error: undefined };
  } catch (error) {
    const err = error as { code?: string; stderr?: string; message: string };
    const error_ =
      err.code === "ENOENT"
        ? `${kubectl} not found: install kubectl (or set KUBECTL to its path); the manifests are checked as kubectl builds them`
        : (err.stderr || err.message).trim();
    return { manifests: [] as Manifest[], error: error_ };
  }
})();
const manifests = build.manifests;

/** The kubernetes-models class per apiVersion and kind this repository uses; validate() checks the API schema. */
const models: Record<string, { new (data: never): { validate(): void } }> = {
  "v1/Namespace": Namespace,
  "v1/ConfigMap": ConfigMap,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "apps/v1/StatefulSet": StatefulSet,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
};

/** Validates one manifest against its Kubernetes schema; the schema's complaints, or [] when valid. */
function schemaErrors(manifest: Manifest): string[] {
  const Model = models[`${manifest.apiVersion}/${manifest.kind}`];
  if (!Model) return [`no schema model for ${manifest.apiVersion} ${manifest.kind}: add it to this test's models`];
  try {
    new Model(manifest as never).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const template = (manifest: Manifest | undefined) =>
  (manifest?.spec as { template?: PodTemplate } | undefined)?.template;
const container = (name: string): Container | undefined => template(find("Deployment", name))?.spec?.containers?.[0];
const deployments = () => manifests.filter((m) => m.kind === "Deployment");

/** Keys that `kubectl ... create secret generic NAME --from-literal=KEY=... --from-file=KEY=...` commands in a Markdown file's shell blocks create, by Secret name. */
function documentedSecrets(markdown: string): Map<string, Set<string>> {
  const secrets = new Map<string, Set<string>>();
  for (const [, block] of markdown.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g))
    for (const command of block!.replace(/\\\n/g, " ").split("\n")) {
      const name = /\bkubectl\b.*\bcreate secret generic ([\w.-]+)/.exec(command)?.[1];
      if (!name) continue;
      const keys = secrets.get(name) ?? new Set<string>();
      for (const [, key] of command.matchAll(/--from-(?:literal|file)=([\w.-]+)=/g)) keys.add(key!);
      secrets.set(name, keys);
    }
  return secrets;
}

/** Every reference a pod template makes to a Secret or ConfigMap, from env and envFrom. */
function references(kind: "secret" | "configMap") {
  return manifests.flatMap((m) =>
    (template(m)?.spec?.containers ?? []).flatMap((c) => [
      ...(c.env ?? []).flatMap((e) => {
        const ref = kind === "secret" ? e.valueFrom?.secretKeyRef : e.valueFrom?.configMapKeyRef;
        return ref ? [{ owner: `${m.metadata.name}/${e.name}`, ...ref }] : [];
      }),
      ...(c.envFrom ?? []).flatMap((from) => {
        const ref = kind === "secret" ? from.secretRef : from.configMapRef;
        return ref ? [{ owner: `${m.metadata.name}/envFrom`, name: ref.name, key: undefined, optional: false }] : [];
      }),
    ]),
  );
}

describe("deploy/k8s", () => {
  it("builds with `kubectl kustomize` into strictly parsed YAML", () => {
    expect(build.error).toBeUndefined();
    expect(manifests.length).toBeGreaterThan(0);
  });

  it("parses every source file strictly: no manifest repeats a key (kubectl refuses what a lenient parser accepts)", () => {
    const kustomization = parseStrictly(readFileSync(join(dir, "kustomization.yaml"), "utf8"), "kustomization.yaml");
    const resources = (kustomization[0] as unknown as { resources: string[] }).resources;
    expect(resources.length).toBeGreaterThan(0);
    for (const file of resources)
      expect(() => parseStrictly(readFileSync(join(dir, file), "utf8"), file)).not.toThrow();
  });

  it("validates every built manifest against the Kubernetes API schemas", () => {
    const invalid = manifests
      .map((m) => ({ manifest: `${m.kind}/${m.metadata.name}`, errors: schemaErrors(m) }))
      .filter((result) => result.errors.length > 0);
    expect(invalid).toEqual([]);
  });

  it("uses only fields the Kubernetes API defines (kubectl's strict field validation refuses others)", () => {
    expect(fieldErrors(manifests)).toEqual([]);
  });

  it("flags a misspelt field (the field check is not a no-op)", () => {
    const misspelt = structuredClone(find("Deployment", "gateway"))!;
    const app = template(misspelt)!.spec!.containers![0]! as Container & { readinesProbe?: unknown };
    app.readinesProbe = app.readinessProbe;
    delete app.readinessProbe;
    expect(fieldErrors([misspelt])).toEqual([
      expect.stringMatching(/^Deployment\/gateway: .*readinesProbe.* does not exist in type 'Container'/),
    ]);
  });

  it("rejects an invalid manifest (the schema check is not a no-op)", () => {
    const broken = structuredClone(find("Deployment", "gateway"))!;
    const ports = template(broken)!.spec!.containers![0]!.ports as unknown as { containerPort: unknown }[];
    ports[0]!.containerPort = "four thousand";
    delete (broken.spec as { selector?: unknown }).selector;
    expect(schemaErrors(broken).join(" ")).toMatch(/containerPort must be integer.*selector|selector.*containerPort/);
    expect(schemaErrors({ apiVersion: "v1", kind: "Pod", metadata: { name: "x" } })).toEqual([
      expect.stringContaining("no schema model"),
    ]);
  });

  it("puts every object in the pawgraph namespace", () => {
    for (const m of manifests.filter((m) => m.kind !== "Namespace"))
      expect({ object: `${m.kind}/${m.metadata.name}`, namespace: m.metadata.namespace }).toEqual({
        object: `${m.kind}/${m.metadata.name}`,
        namespace: "pawgraph",
      });
  });

  it.each(processes)("runs $name on port $port with health probes", ({ name, port }) => {
    const app = container(name);
    expect(app?.ports?.map((p) => p.containerPort)).toEqual([port]);
    expect(app?.env?.find((e) => e.name === "PORT")?.value).toBe(String(port));
    expect(app?.readinessProbe?.httpGet?.path).toBe("/readyz");
    expect(app?.livenessProbe?.httpGet?.path).toBe("/healthz");
    const service = find("Service", name)?.spec as { ports?: { port: number }[] } | undefined;
    expect(service?.ports?.map((p) => p.port)).toEqual([port]);
  });

  it("runs a Deployment for every process and nothing else", () => {
    expect(
      deployments()
        .map((m) => m.metadata.name)
        .sort(),
    ).toEqual(processes.map((p) => p.name).sort());
  });

  it.each(processes)("limits voluntary disruptions of $name with a PodDisruptionBudget over its pods", ({ name }) => {
    const budget = find("PodDisruptionBudget", name)?.spec as
      | { maxUnavailable?: number | string; minAvailable?: number | string; selector?: { matchLabels?: object } }
      | undefined;
    expect(budget?.maxUnavailable ?? budget?.minAvailable).toBeDefined();
    const podLabels = template(find("Deployment", name))?.metadata?.labels ?? {};
    expect(Object.keys(budget?.selector?.matchLabels ?? {}).length).toBeGreaterThan(0);
    expect(podLabels).toMatchObject(budget?.selector?.matchLabels ?? { missing: "selector" });
    // The budget selects this Deployment's pods only, never another's.
    for (const other of deployments().filter((m) => m.metadata.name !== name))
      expect(template(other)?.metadata?.labels ?? {}).not.toMatchObject(budget?.selector?.matchLabels ?? {});
  });

  it.each(subgraphs)("routes the gateway to $name by its Service name", ({ name, port, urlVariable }) => {
    expect(find("ConfigMap", "pawgraph-config")?.data?.[urlVariable]).toBe(`http://${name}:${port}/graphql`);
  });

  it.each(processes)("gives $name the gateway secret only from the Secret, never a literal value", ({ name }) => {
    const secret = container(name)?.env?.find((e) => e.name === "GATEWAY_SECRET");
    expect(secret?.value).toBeUndefined();
    expect(secret?.valueFrom?.secretKeyRef).toMatchObject({ name: "pawgraph-secrets", key: "GATEWAY_SECRET" });
    expect(secret?.valueFrom?.secretKeyRef?.optional).not.toBe(true);
    expect(find("ConfigMap", "pawgraph-config")?.data?.GATEWAY_SECRET).toBeUndefined();
    expect(manifests.some((m) => m.kind === "Secret")).toBe(false);
  });

  it.each(processes)(
    "gives $name the metrics token only from the Secret, and runs without one (/metrics then answers 404)",
    ({ name }) => {
      const token = container(name)?.env?.find((e) => e.name === "METRICS_TOKEN");
      expect(token).toEqual({
        name: "METRICS_TOKEN",
        valueFrom: { secretKeyRef: { name: "pawgraph-secrets", key: "METRICS_TOKEN", optional: true } },
      });
      expect(find("ConfigMap", "pawgraph-config")?.data?.METRICS_TOKEN).toBeUndefined();
    },
  );

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

describe("deploy/k8s/README.md", () => {
  const readme = readFileSync(join(dir, "README.md"), "utf8");
  const created = documentedSecrets(readme);
  const secretRefs = references("secret");

  it("has a command that creates the Secret every manifest reads", () => {
    expect(secretRefs.length).toBeGreaterThan(0);
    expect([...created.keys()]).toEqual(expect.arrayContaining([...new Set(secretRefs.map((ref) => ref.name))]));
  });

  it("creates every Secret key a manifest requires (a missing one keeps its pods in CreateContainerConfigError)", () => {
    const missing = secretRefs
      .filter((ref) => ref.optional !== true && ref.key !== undefined && !created.get(ref.name)?.has(ref.key))
      .map((ref) => `${ref.owner}: ${ref.name}.${ref.key}`);
    expect(missing).toEqual([]);
  });

  it("documents every optional Secret key a manifest reads", () => {
    const undocumented = [...new Set(secretRefs.filter((ref) => ref.optional === true).map((ref) => ref.key!))].filter(
      (key) => !readme.includes(`\`${key}\``),
    );
    expect(undocumented).toEqual([]);
  });

  it("creates only keys some manifest reads (a misspelt key would be silently unused)", () => {
    const read = new Set(secretRefs.map((ref) => `${ref.name}.${ref.key}`));
    const unused = [...created]
      .flatMap(([name, keys]) => [...keys].map((key) => `${name}.${key}`))
      .filter((key) => !read.has(key));
    expect(unused).toEqual([]);
  });

  it("reads ConfigMap keys only from ConfigMaps in the build", () => {
    const missing = references("configMap")
      .filter((ref) => ref.optional !== true)
      .filter((ref) => {
        const map = find("ConfigMap", ref.name);
        return !map || (ref.key !== undefined && map.data?.[ref.key] === undefined);
      })
      .map((ref) => `${ref.owner}: ${ref.name}${ref.key ? `.${ref.key}` : ""}`);
    expect(missing).toEqual([]);
  });

  it.each(processes)("lists $name: its manifest file and its image build", ({ name }) => {
    expect(readme).toContain(`\`${name}.yaml\``);
    const workspace = name === "gateway" ? "gateway" : `subgraphs/${name}`;
    const buildLoop = /for ws in ([^;]+); do/.exec(readme.replace(/\\\n/g, " "))?.[1]?.split(/\s+/) ?? [];
    expect(buildLoop).toContain(workspace);
  });
});
