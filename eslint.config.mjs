// ESLint flat config: typescript-eslint's recommended rules plus the architecture rules (no imports across subgraphs, no cycles).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig, globalIgnores } from "eslint/config";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

const root = import.meta.dirname;

/** Every workspace folder under `dir` with its npm package name. Read from disk, so a new subgraph is covered at once. */
function workspaces(dir) {
  const base = join(root, dir);
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(base, entry.name, "package.json")))
    .map((entry) => ({
      folder: entry.name,
      pkg: JSON.parse(readFileSync(join(base, entry.name, "package.json"), "utf8")).name,
    }));
}

const subgraphs = workspaces("subgraphs");
const gatewayPkg = JSON.parse(readFileSync(join(root, "gateway", "package.json"), "utf8")).name;
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * no-restricted-imports patterns that forbid importing the given subgraphs (and, optionally, the gateway)
 * by package name, by a relative path that climbs into a sibling subgraph folder, or by any path
 * through `subgraphs/<name>`.
 */
function forbid(blocked, { gateway, why }) {
  const patterns = [];
  for (const { pkg } of blocked) {
    patterns.push({ group: [pkg, `${pkg}/**`], message: `${why} (${pkg}).` });
  }
  if (blocked.length > 0) {
    const folders = blocked.map((s) => escape(s.folder)).join("|");
    patterns.push({
      regex: `^(\\.\\./){2,}(subgraphs/)?(${folders})(/|$)|(^|/)subgraphs/(${folders})(/|$)`,
      message: `${why} (relative path into another subgraph's folder).`,
    });
  }
  if (gateway) {
    patterns.push({ group: [gatewayPkg, `${gatewayPkg}/**`], message: `${why} (${gatewayPkg}).` });
    patterns.push({ regex: "^(\\.\\./){3,}gateway(/|$)", message: `${why} (relative path into gateway/).` });
  }
  return ["error", { patterns }];
}

const crossSubgraph =
  "A subgraph never imports another subgraph or the gateway: refer to a foreign entity by id and a federation @key stub, and put shared mechanisms in @pawgraph/subgraph-kit";

/**
 * A pg Pool or Client without an 'error' listener ends the process when its connection drops
 * (docs/decisions/0022): running code makes them through the kit (`openPgPool`, `withClient`,
 * `PgListener`), which listen. Tests may make their own.
 */
const INACCESSIBLE = {
  selector: "CallExpression[callee.name='Directive'] > Literal[value=/@inaccessible/]",
  message:
    "Mark internal fields with @Internal() and their types with @InternalType() from @pawgraph/subgraph-kit: they refuse callers without the gateway secret.",
};

const PG_CONNECTIONS = [
  {
    selector:
      "NewExpression[callee.name=/^(Pool|Client|PgPool|PgClient)$/], NewExpression[callee.object.name='pg'][callee.property.name=/^(Pool|Client)$/]",
    message:
      "Open pg pools with openPgPool and check connections out with withClient/withTransaction from @pawgraph/subgraph-kit: they listen for 'error', so a dropped connection cannot end the process.",
  },
];

const sourceFiles = [
  "packages/*/src/**/*.ts",
  "subgraphs/*/src/**/*.ts",
  "subgraphs/*/test/**/*.ts",
  "gateway/src/**/*.ts",
];

export default defineConfig(
  globalIgnores(["**/node_modules/", ".data/", "**/__generated__/", "**/dist/", "coverage/", ".turbo/"]),

  tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // Each subgraph: no import from any other subgraph or from the gateway.
  ...subgraphs.map((self) => ({
    files: [`subgraphs/${self.folder}/**/*.ts`],
    rules: {
      "no-restricted-imports": forbid(
        subgraphs.filter((other) => other.folder !== self.folder),
        { gateway: true, why: crossSubgraph },
      ),
    },
  })),

  // The kit holds mechanisms only, so it depends on no subgraph and not on the gateway.
  {
    files: ["packages/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(subgraphs, {
        gateway: true,
        why: "packages/ hold shared mechanisms and never import a subgraph or the gateway",
      }),
    },
  },

  // The gateway learns the subgraphs from the composed supergraph, never from their code.
  {
    files: ["gateway/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          ...forbid(subgraphs, {
            gateway: false,
            why: "The gateway knows subgraphs only through supergraph.graphql, never by importing them",
          })[1],
          // The kit's barrel loads typeorm, type-graphql and the rest of a subgraph's machinery (docs/decisions/0052).
          paths: [
            {
              name: "@pawgraph/subgraph-kit",
              message:
                "The gateway imports the kit through @pawgraph/subgraph-kit/src/edge, which loads no subgraph machinery; export what it needs there.",
            },
            // The explorer's packages are browser bundles the gateway serves as files (docs/decisions/0057).
            ...["graphiql", "react", "react-dom"].map((name) => ({
              name,
              message: "The gateway serves GraphiQL's files from gateway/src/explorer and never loads them itself.",
            })),
          ],
        },
      ],
    },
  },

  // Internal (service-to-service) fields are marked one way: the kit's @Internal(), which also guards them.
  // A bare @inaccessible would hide a field from the gateway but leave it open to direct callers.
  {
    files: ["subgraphs/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", INACCESSIBLE] },
  },
  // Running code (not tests) opens pg connections only through the kit; only its pg-pool and LISTEN connection make them.
  {
    files: ["subgraphs/*/src/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", INACCESSIBLE, ...PG_CONNECTIONS] },
  },
  {
    files: ["packages/*/src/**/*.ts", "gateway/src/**/*.ts"],
    // pg-pool.ts and pg-listener.ts are the wrappers themselves; testing/ is test support (short-lived admin clients).
    ignores: [
      "packages/subgraph-kit/src/pg-pool.ts",
      "packages/subgraph-kit/src/outbox/pg-listener.ts",
      "packages/subgraph-kit/src/testing/**",
    ],
    rules: { "no-restricted-syntax": ["error", ...PG_CONNECTIONS] },
  },

  // No import cycles inside or between workspaces. e2e/, bench/ and scripts/ are free to import any workspace.
  {
    files: sourceFiles,
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx", ".mts", ".cts"] },
      "import-x/resolver-next": [
        createNodeResolver({
          extensions: [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", ".json", ".node"],
          conditionNames: ["node", "import", "require", "default"],
        }),
      ],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
);
