// The Flutter starter (clients/flutter) cannot be compiled here (no Dart SDK); what can be checked
// without one is checked: its GraphQL files are current copies, its operations are valid against the
// API's schema, every custom scalar has a Dart mapping, and the Dart code names operations that exist.
import { buildSchema, Kind, parse, validate, type OperationDefinitionNode } from "graphql";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { FLUTTER_DIR, FLUTTER_OPERATION_FILES, flutterGraphqlFiles } from "./flutter-starter";
import { ROOT } from "./supergraph";

const read = (path: string) => readFileSync(resolve(FLUTTER_DIR, path), "utf8");

interface ScalarMapping {
  type?: string;
  fromJsonFunctionName?: string;
  toJsonFunctionName?: string;
  import?: string;
}
interface CodegenOptions {
  assetsPath: string;
  clients: string[];
  scalars: Record<string, ScalarMapping>;
}

function codegenOptions(): CodegenOptions {
  const config = parseYaml(read("build.yaml")) as {
    targets: { $default: { builders: { graphql_codegen: { options: CodegenOptions } } } };
  };
  return config.targets.$default.builders.graphql_codegen.options;
}

/** The operations and fragments graphql_codegen reads: every .graphql under lib/graphql/operations, as one scope. */
function flutterDocuments(): string {
  const dir = resolve(FLUTTER_DIR, "lib/graphql/operations");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".graphql"))
    .map((file) => readFileSync(resolve(dir, file), "utf8"))
    .join("\n");
}

/** The Dart sources written by hand (graphql_codegen's `.graphql.dart` output is not committed). */
function dartSources(): string {
  const dir = resolve(FLUTTER_DIR, "lib/src");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".dart"))
    .map((file) => readFileSync(resolve(dir, file), "utf8"))
    .join("\n");
}

describe("the Flutter starter", () => {
  const schemaSdl = readFileSync(resolve(ROOT, "schema.graphql"), "utf8");

  it("has current copies of schema.graphql and of its operations (npm run generate writes them)", () => {
    for (const { path, text } of flutterGraphqlFiles()) {
      expect({ path, current: existsSync(path) && readFileSync(path, "utf8") === text }).toEqual({
        path,
        current: true,
      });
    }
    const copied = readdirSync(resolve(FLUTTER_DIR, "lib/graphql/operations")).sort();
    expect(copied).toEqual([...FLUTTER_OPERATION_FILES].sort());
  });

  it("sends only operations that are valid against the API's schema", () => {
    const errors = validate(buildSchema(schemaSdl), parse(flutterDocuments()));
    expect(errors.map((error) => error.message)).toEqual([]);
  });

  it("maps every custom scalar of the schema to a Dart type, with converters that exist", () => {
    const scalars = [...schemaSdl.matchAll(/^scalar (\w+)/gm)].map((m) => m[1]!);
    expect(scalars).toEqual(expect.arrayContaining(["DateTimeISO", "LocalDate", "JSONObject"]));
    const { scalars: mappings } = codegenOptions();
    expect(Object.keys(mappings).sort()).toEqual([...scalars].sort());
    const converters = read("lib/src/scalars.dart");
    for (const scalar of scalars) {
      const mapping = mappings[scalar]!;
      expect({ scalar, type: typeof mapping.type }).toEqual({ scalar, type: "string" });
      for (const name of [mapping.fromJsonFunctionName, mapping.toJsonFunctionName].filter(Boolean)) {
        // A top-level Dart function: `<return type> name(<parameter>) =>`.
        expect({ scalar, name, defined: new RegExp(`^\\S.* ${name}\\(`, "m").test(converters) }).toEqual({
          scalar,
          name,
          defined: true,
        });
      }
      if (mapping.import) expect(mapping.import).toBe("package:pawgraph_client/src/scalars.dart");
    }
  });

  it("generates from the copied files, for the graphql and graphql_flutter clients of its dependencies", () => {
    const options = codegenOptions();
    expect(options.assetsPath).toBe("lib/graphql/**.graphql");
    expect(options.clients.sort()).toEqual(["graphql", "graphql_flutter"]);
    const pubspec = parseYaml(read("pubspec.yaml")) as {
      name: string;
      dependencies: Record<string, unknown>;
      dev_dependencies: Record<string, unknown>;
    };
    expect(pubspec.name).toBe("pawgraph_client");
    expect(Object.keys(pubspec.dependencies)).toEqual(expect.arrayContaining(["graphql", "graphql_flutter", "gql"]));
    expect(Object.keys(pubspec.dev_dependencies)).toEqual(expect.arrayContaining(["graphql_codegen", "build_runner"]));
    // The library exports the generated file of each operation file.
    const library = read("lib/pawgraph_client.dart");
    for (const file of FLUTTER_OPERATION_FILES) expect(library).toContain(`export 'graphql/operations/${file}.dart';`);
  });

  it("refreshes with identity's refreshSession, and its Dart code names only operations it has", () => {
    const operations = new Map(
      parse(flutterDocuments())
        .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
        .map((d) => [d.name!.value, d.operation]),
    );
    expect(operations.get("RefreshSession")).toBe("mutation");
    const used = [
      ...dartSources().matchAll(
        /\b(?:query|mutate|subscribe|Options|Variables)\$(?:(Query|Mutation|Subscription)\$)?(\w+)/g,
      ),
    ];
    expect(used.length).toBeGreaterThan(0);
    const kinds: Record<string, string> = { query: "query", mutate: "mutation", subscribe: "subscription" };
    for (const [text, kind, name] of used) {
      const expected = kind ? kind.toLowerCase() : kinds[text.split("$")[0]!];
      expect({ text, operation: operations.get(name!) }).toEqual({ text, operation: expected });
    }
  });
});
