// Checks that lint enforces the architecture: a subgraph that imports another subgraph fails `npm run lint`.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ESLint } from "eslint";

const root = resolve(__dirname, "..");

interface LintRequest {
  /** Real files to lint from disk, the way `npx eslint` sees them. */
  files?: string[];
  /** Sources linted as if they lived at `filePath` (relative to the repo root). */
  texts?: { filePath: string; code: string }[];
}

// ESLint loads eslint.config.mjs with a dynamic import(), which Jest's module sandbox refuses without
// --experimental-vm-modules, so the ESLint API runs in a plain Node child process.
const runner = `
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
const request = JSON.parse(readFileSync(0, "utf8"));
const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: join(process.cwd(), "eslint.config.mjs") });
const results = [];
if (request.files?.length) results.push(...(await eslint.lintFiles(request.files)));
for (const { filePath, code } of request.texts ?? []) {
  results.push(...(await eslint.lintText(code, { filePath: join(process.cwd(), filePath) })));
}
process.stdout.write(JSON.stringify(results));
`;

function lint(request: LintRequest): ESLint.LintResult[] {
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", runner], {
    cwd: root,
    input: JSON.stringify(request),
    encoding: "utf8",
  });
  return JSON.parse(output) as ESLint.LintResult[];
}

/** Line numbers that no-restricted-imports flags in each linted source, in request order. */
function restrictedImportLines(results: ESLint.LintResult[]): number[][] {
  return results.map((r) => r.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.line));
}

describe("architecture lint rules", () => {
  it("reject an import of another subgraph, by package name or by relative path, in a file on disk", () => {
    const file = join(root, "subgraphs/pets/src", `__architecture-lint-${process.pid}-${randomUUID()}.ts`);
    writeFileSync(
      file,
      [
        'import { startIdentity } from "@pawgraph/identity";',
        'import { UserEntity } from "../../identity/src/user/user.entity";',
        "export const leaked = [startIdentity, UserEntity];",
        "",
      ].join("\n"),
    );
    try {
      const results = lint({ files: [file] });
      expect(results.map((r) => r.filePath)).toEqual([file]);
      expect(restrictedImportLines(results)).toEqual([[1, 2]]);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it("allow what each folder may import, and nothing more", () => {
    const results = lint({
      texts: [
        // A subgraph may use the kit and its own files.
        {
          filePath: "subgraphs/pets/src/example.ts",
          code: 'import { envInt } from "@pawgraph/subgraph-kit";\nimport { x } from "./pet/pet.entity";\nexport const y = [envInt, x];\n',
        },
        // The kit holds mechanisms: no subgraph, no gateway.
        {
          filePath: "packages/subgraph-kit/src/example.ts",
          code: [
            'import { a } from "@pawgraph/pets";',
            'import { b } from "../../../subgraphs/identity/src/app";',
            'import { c } from "@pawgraph/gateway";',
            'import { d } from "./config";',
            "export const e = [a, b, c, d];",
            "",
          ].join("\n"),
        },
        // The gateway knows subgraphs only through the supergraph, and takes from the kit only its edge entry.
        {
          filePath: "gateway/src/example.ts",
          code: 'import { a } from "@pawgraph/pets/src/pet/pet.entity";\nimport { b } from "@pawgraph/subgraph-kit";\nexport const c = [a, b];\n',
        },
        // GraphiQL's packages are files the gateway serves, never modules it loads (docs/decisions/0057).
        {
          filePath: "gateway/src/explorer/example.ts",
          code: 'import { GraphiQL } from "graphiql";\nimport React from "react";\nexport const a = [GraphiQL, React];\n',
        },
        // e2e tests start the stack, so they may import any workspace.
        {
          filePath: "e2e/example.test.ts",
          code: 'import { startIdentity } from "@pawgraph/identity";\nexport const a = startIdentity;\n',
        },
      ],
    });
    expect(restrictedImportLines(results)).toEqual([[], [1, 2, 3], [1, 2], [1, 2], []]);
  });

  it("let running code open pg connections only through the kit, which listens for their errors (docs/decisions/0022)", () => {
    const code =
      'import pg, { Client, Pool } from "pg";\nexport const a = [new Pool({}), new Client({}), new pg.Pool({})];\n';
    const results = lint({
      texts: [
        { filePath: "subgraphs/identity/src/example.ts", code },
        { filePath: "packages/subgraph-kit/src/outbox/example.ts", code },
        { filePath: "packages/subgraph-kit/src/pg-pool.ts", code },
        { filePath: "subgraphs/messaging/test/example.integration.test.ts", code },
        { filePath: "e2e/example.e2e.test.ts", code },
      ],
    });
    const flagged = results.map((r) => r.messages.filter((m) => m.ruleId === "no-restricted-syntax").length);
    expect(flagged).toEqual([3, 3, 0, 0, 0]);
  });
});
