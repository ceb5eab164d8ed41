// Unknown fields in Kubernetes manifests, found offline: kubectl's strict field validation refuses a field the API does
// not define (a misspelt `readinesProbe` is an error there), while kubernetes-models' JSON-schema check lets unknown
// properties through. Each manifest becomes an object literal typed with its kubernetes-types interface (generated
// from the API's OpenAPI spec), and TypeScript's excess-property check flags every field the API does not have, at
// any depth, along with wrong types and missing required fields.
import { dirname, join } from "node:path";
import ts from "typescript";

/** The kubernetes-types module and interface per apiVersion and kind. */
const typeNames: Record<string, [module: string, type: string]> = {
  "v1/Namespace": ["kubernetes-types/core/v1", "Namespace"],
  "v1/ConfigMap": ["kubernetes-types/core/v1", "ConfigMap"],
  "v1/Service": ["kubernetes-types/core/v1", "Service"],
  "apps/v1/Deployment": ["kubernetes-types/apps/v1", "Deployment"],
  "apps/v1/StatefulSet": ["kubernetes-types/apps/v1", "StatefulSet"],
  "autoscaling/v2/HorizontalPodAutoscaler": ["kubernetes-types/autoscaling/v2", "HorizontalPodAutoscaler"],
  "policy/v1/PodDisruptionBudget": ["kubernetes-types/policy/v1", "PodDisruptionBudget"],
};

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
}

/** Type errors of each manifest against its API type, as `Kind/name: message`; [] when every field is known. */
export function fieldErrors(manifests: Manifest[]): string[] {
  const errors: string[] = [];
  const lines: string[] = [];
  /** Which manifest each generated line belongs to, to name it in a diagnostic. */
  const owners: string[] = [];
  manifests.forEach((manifest, i) => {
    const owner = `${manifest.kind}/${manifest.metadata.name}`;
    const type = typeNames[`${manifest.apiVersion}/${manifest.kind}`];
    if (!type) {
      errors.push(`${owner}: no kubernetes-types interface for ${manifest.apiVersion} ${manifest.kind}`);
      return;
    }
    const declaration = [
      `import type { ${type[1]} as T${i} } from "${type[0]}";`,
      `export const m${i}: T${i} = ${JSON.stringify(manifest, null, 1)};`,
    ].join("\n");
    for (const line of declaration.split("\n")) {
      lines.push(line);
      owners.push(owner);
    }
  });

  // A virtual file beside this one, so `kubernetes-types` resolves from the repository's node_modules.
  const file = join(__dirname, "__k8s-manifests__.ts");
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ["lib.es2022.d.ts"],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  };
  const host = ts.createCompilerHost(options);
  const source = ts.createSourceFile(file, lines.join("\n"), ts.ScriptTarget.ES2022, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, ...rest) => (name === file ? source : getSourceFile(name, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  host.getCurrentDirectory = () => dirname(file);

  const program = ts.createProgram([file], options, host);
  for (const diagnostic of ts.getPreEmitDiagnostics(program, source)) {
    const owner =
      diagnostic.start === undefined ? "compiler" : owners[source.getLineAndCharacterOfPosition(diagnostic.start).line];
    errors.push(`${owner}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`);
  }
  return errors;
}
