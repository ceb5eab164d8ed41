// Every read of every variable, in the files each process loads (docs/decisions/0059-configuration-reference.md).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";
import {
  allComments,
  BASE_HELPERS,
  defaultOf,
  describeRead,
  nameOf,
  namesOf,
  objectLiteralOf,
  requiredInProductionSaid,
} from "./source-text";
import { ROOT, type EnvRead, type EnvVariable } from "./types";

interface DerivedHelper {
  /** Per parameter index: the name templates (`$` for the parameter's value) read with it. */
  reads: { param: number; template: string; fallbackProperty?: { param: number; property: string } }[];
}

/** Source files of the processes, tests and benchmarks left out. */
function sourceFiles(): string[] {
  const dirs = [
    "gateway/src",
    ...readdirSync(join(ROOT, "subgraphs")).map((s) => `subgraphs/${s}/src`),
    ...readdirSync(join(ROOT, "packages")).map((p) => `packages/${p}/src`),
  ];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!["__generated__", "testing", "test", "node_modules"].includes(entry.name)) walk(path);
      } else if (/\.(ts|mts)$/.test(entry.name) && !/\.(test|spec)\.ts$|\.d\.ts$/.test(entry.name)) files.push(path);
    }
  };
  dirs.forEach(walk);
  return files.sort();
}

/** Each process: its entry file and the name it goes by. */
export function processEntries(): { process: string; entry: string }[] {
  const subgraphs = readdirSync(join(ROOT, "subgraphs")).sort();
  return [
    { process: "gateway", entry: "gateway/src/main.ts" },
    ...subgraphs.map((s) => ({ process: s, entry: `subgraphs/${s}/src/main.ts` })),
  ];
}

/** Files each entry loads, following relative and workspace imports (`import`, `export from`, `require`). */
function importClosure(program: ts.Program, entry: string, options: ts.CompilerOptions): Set<string> {
  const seen = new Set<string>();
  const stack = [resolve(ROOT, entry)];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) continue;
    const specifiers: string[] = [];
    const visit = (node: ts.Node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
        const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly : node.isTypeOnly;
        if (!typeOnly && ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
      } else if (
        ts.isCallExpression(node) &&
        (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
          (ts.isIdentifier(node.expression) && node.expression.text === "require")) &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        specifiers.push(node.arguments[0].text);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    for (const specifier of specifiers) {
      const resolved = ts.resolveModuleName(specifier, file, options, ts.sys).resolvedModule?.resolvedFileName;
      if (!resolved) continue;
      const real = ts.sys.realpath ? ts.sys.realpath(resolved) : resolved;
      if (!real.includes("/node_modules/") && real.startsWith(ROOT)) stack.push(real);
    }
  }
  return new Set([...seen].map((f) => relative(ROOT, f)));
}

/** Every read in one file: the kit's helpers, helpers of the file built on them, `process.env.X`, `env.X`. */
function readsOf(sourceFile: ts.SourceFile, checker: ts.TypeChecker, derived: Map<string, DerivedHelper>): EnvRead[] {
  const file = relative(ROOT, sourceFile.fileName);
  const comments = allComments(sourceFile);
  const reads: EnvRead[] = [];
  const add = (node: ts.Node, name: string | undefined, fallback?: ts.Expression, bare = false) => {
    if (!name || !/^[A-Z<][A-Z0-9_<>]*$/.test(name)) return;
    const d = defaultOf(fallback, checker);
    reads.push({
      name,
      file,
      owner: topLevelName(node),
      default: d.text,
      requiredInProduction: bare || d.production === true || requiredInProductionSaid(sourceFile, name),
      bare,
      description: describeRead(node, name, sourceFile, comments, checker),
    });
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const helper = BASE_HELPERS[node.expression.text];
      const callee = node.expression.text;
      const nameExpression = helper && node.arguments[helper.name];
      if (helper && nameExpression) {
        const fallback = helper.fallback === undefined ? undefined : node.arguments[helper.fallback];
        const nullish = ts.isBinaryExpression(node.parent) && node.parent.left === node ? node.parent : undefined;
        const orDefault =
          fallback ?? (nullish?.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ? nullish.right : undefined);
        // Inside `limitFromEnv(name, …)` the read is a template of the helper's; its calls are the reads.
        if (!readsHelperParameter(nameExpression, derived)) {
          for (const name of namesOf(nameExpression, checker))
            add(
              node,
              name,
              orDefault,
              callee === "envString" && fallback === undefined && !isInsideRequiredWrapper(node),
            );
        }
      }
      const helperOfFile = derived.get(callee);
      for (const read of helperOfFile?.reads ?? []) {
        const argument = node.arguments[read.param];
        const value = argument && nameOf(argument);
        if (!value) continue;
        let fallback: ts.Expression | undefined;
        if (read.fallbackProperty) {
          const argument = node.arguments[read.fallbackProperty.param];
          const object = argument && objectLiteralOf(argument, checker, 0);
          if (object) {
            const property = object.properties.find(
              (p): p is ts.PropertyAssignment =>
                ts.isPropertyAssignment(p) && p.name.getText() === read.fallbackProperty!.property,
            );
            fallback = property?.initializer;
          }
        }
        add(node, read.template.replace("$", value), fallback);
      }
    }
    // process.env.X, process.env["X"], and env.X / env["X"] on a parameter typed as an environment record.
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const target = node.expression;
      const isProcessEnv =
        ts.isPropertyAccessExpression(target) && target.getText() === "process.env" && ts.isIdentifier(target.name);
      const isEnvRecord =
        ts.isIdentifier(target) &&
        target.text === "env" &&
        /ProcessEnv|Env\b/.test(checker.typeToString(checker.getTypeAtLocation(target)));
      if (isProcessEnv || isEnvRecord) {
        const name = ts.isPropertyAccessExpression(node)
          ? node.name.text
          : ts.isStringLiteralLike(node.argumentExpression)
            ? node.argumentExpression.text
            : undefined;
        const parent = node.parent;
        const fallback =
          ts.isBinaryExpression(parent) &&
          parent.left === node &&
          parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken
            ? parent.right
            : ts.isBinaryExpression(parent) &&
                parent.left === node &&
                parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken
              ? parent.right
              : undefined;
        add(node, name, fallback);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return reads;
}

function readsHelperParameter(expression: ts.Expression, derived: Map<string, DerivedHelper>): boolean {
  for (let n: ts.Node | undefined = expression.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const name =
      ts.isFunctionDeclaration(n) && n.name
        ? n.name.text
        : ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)
          ? n.parent.name.text
          : undefined;
    if (!name || !derived.has(name)) return false;
    const params = new Map<string, number>();
    n.parameters.forEach((p, i) => ts.isIdentifier(p.name) && params.set(p.name.text, i));
    return paramIn(expression, params) !== undefined;
  }
  return false;
}

function topLevelName(node: ts.Node): string | undefined {
  let n: ts.Node = node;
  while (n.parent && !ts.isSourceFile(n.parent)) n = n.parent;
  if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) && n.name) return n.name.text;
  if (ts.isVariableStatement(n)) {
    const [declaration] = n.declarationList.declarations;
    if (declaration && ts.isIdentifier(declaration.name)) return declaration.name.text;
  }
  return undefined;
}

/** The identifiers a file uses, for "does anything this process loads call that function?". */
function identifiersOf(sourceFile: ts.SourceFile): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) counts.set(node.text, (counts.get(node.text) ?? 0) + 1);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return counts;
}

/** `const required = (name) => { try { return envString(name) } catch { throw … } }` reports its own error. */
function isInsideRequiredWrapper(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (ts.isTryStatement(n)) return true;
  return false;
}

/**
 * Functions of a file that pass one of their parameters on as a variable's name (`limitFromEnv(name, fallback)`
 * reads `name` and `${name}_WINDOW_SECONDS`): their calls with a literal name are reads too.
 */
function derivedHelpers(sourceFiles: readonly ts.SourceFile[]): Map<string, DerivedHelper> {
  const helpers = new Map<string, DerivedHelper>();
  for (const sourceFile of sourceFiles) {
    const visit = (node: ts.Node) => {
      const fn =
        ts.isFunctionDeclaration(node) && node.name
          ? { name: node.name.text, fn: node as ts.FunctionLikeDeclaration }
          : ts.isVariableDeclaration(node) &&
              ts.isIdentifier(node.name) &&
              node.initializer &&
              ts.isArrowFunction(node.initializer)
            ? { name: node.name.text, fn: node.initializer as ts.FunctionLikeDeclaration }
            : undefined;
      if (fn && !BASE_HELPERS[fn.name]) {
        const params = new Map<string, number>();
        fn.fn.parameters.forEach((p, i) => ts.isIdentifier(p.name) && params.set(p.name.text, i));
        const placeholders = new Map([...params.keys()].map((p) => [p, "$"]));
        const reads: DerivedHelper["reads"] = [];
        const inner = (n: ts.Node) => {
          const helper =
            ts.isCallExpression(n) && ts.isIdentifier(n.expression) ? BASE_HELPERS[n.expression.text] : undefined;
          if (helper && ts.isCallExpression(n)) {
            const argument = n.arguments[helper.name];
            const template = argument && nameOf(argument, placeholders);
            const param = argument && paramIn(argument, params);
            if (template?.includes("$") && param !== undefined) {
              const fallback = helper.fallback === undefined ? undefined : n.arguments[helper.fallback];
              const fallbackProperty =
                fallback &&
                ts.isPropertyAccessExpression(fallback) &&
                ts.isIdentifier(fallback.expression) &&
                params.has(fallback.expression.text)
                  ? { param: params.get(fallback.expression.text)!, property: fallback.name.text }
                  : undefined;
              reads.push({ param, template, fallbackProperty });
            }
          }
          ts.forEachChild(n, inner);
        };
        if (params.size) inner(fn.fn);
        if (reads.length) helpers.set(fn.name, { reads });
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return helpers;
}

function paramIn(expression: ts.Expression, params: Map<string, number>): number | undefined {
  if (ts.isIdentifier(expression)) return params.get(expression.text);
  if (ts.isTemplateExpression(expression)) {
    for (const span of expression.templateSpans)
      if (ts.isIdentifier(span.expression) && params.has(span.expression.text)) return params.get(span.expression.text);
  }
  return undefined;
}

/** `scripts/start.mjs` reads a few variables of its own (`npm start`). */
function startScriptReads(): EnvRead[] {
  const file = "scripts/start.mjs";
  const text = readFileSync(join(ROOT, file), "utf8");
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const comments = allComments(sourceFile);
  const reads: EnvRead[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isPropertyAccessExpression(node) &&
      node.expression.getText() === "process.env" &&
      !(
        ts.isBinaryExpression(node.parent) &&
        node.parent.left === node &&
        node.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
      )
    ) {
      const parent = node.parent;
      const fallback =
        ts.isBinaryExpression(parent) &&
        parent.left === node &&
        parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken
          ? parent.right
          : undefined;
      const literal =
        fallback && (ts.isStringLiteral(fallback) || ts.isNumericLiteral(fallback))
          ? `\`${fallback.text}\``
          : undefined;
      reads.push({
        name: node.name.text,
        file,
        default: literal,
        requiredInProduction: false,
        description: describeRead(node, node.name.text, sourceFile, comments),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return reads;
}

/** Every variable the processes read, with the processes that read it. */
export function collectVariables(): EnvVariable[] {
  const configPath = join(ROOT, "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  const options = config?.options ?? {};
  const files = sourceFiles().map((f) => join(ROOT, f));
  const program = ts.createProgram(files, options);
  const checker = program.getTypeChecker();
  const ownFiles = files.map((f) => program.getSourceFile(f)!).filter(Boolean);
  const derived = derivedHelpers(ownFiles);

  const reads = ownFiles.flatMap((sf) => readsOf(sf, checker, derived));
  const identifiers = new Map(ownFiles.map((sf) => [relative(ROOT, sf.fileName), identifiersOf(sf)]));
  const closures = new Map(
    processEntries().map(({ process, entry }) => [process, importClosure(program, entry, options)]),
  );
  // A read counts for a process that loads its file and uses the function it is in: from another file, or
  // from elsewhere in its own (the kit's `config.ts` is loaded by the gateway, `databaseUrlFor` is not called there).
  const usedBy = (read: EnvRead, process: string): boolean => {
    const closure = closures.get(process)!;
    if (!closure.has(read.file)) return false;
    if (!read.owner) return true;
    if ((identifiers.get(read.file)?.get(read.owner) ?? 0) > 1) return true;
    return [...closure].some((file) => file !== read.file && identifiers.get(file)?.has(read.owner!));
  };
  const byName = new Map<string, { reads: EnvRead[]; processes: Set<string> }>();
  const record = (read: EnvRead, processes: string[]) => {
    const entry = byName.get(read.name) ?? { reads: [], processes: new Set<string>() };
    entry.reads.push(read);
    processes.forEach((p) => entry.processes.add(p));
    byName.set(read.name, entry);
  };
  const readers = new Map<EnvRead, string[]>();
  for (const read of reads) {
    const processes = [...closures.keys()].filter((process) => usedBy(read, process));
    readers.set(read, processes);
    if (processes.length) record(read, processes);
  }
  for (const read of startScriptReads()) record(read, [START]);

  const order = [...processEntries().map((e) => e.process), START];
  return [...byName]
    .map(([name, { reads, processes }]) => {
      const defaults = [...new Set(reads.map((r) => r.default).filter((d): d is string => d !== undefined))];
      return {
        name,
        processes: [...processes].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
        default: defaults.join(" / ") || undefined,
        // `envOptional("S3_BUCKET") ? { bucket: envString("S3_BUCKET") } : …` is optional after all.
        requiredInProduction:
          reads.some((r) => r.requiredInProduction && !r.bare) ||
          (reads.some((r) => r.bare) && !reads.some((r) => !r.bare && r.default === undefined)),
        description: describedFor(bestDescription(name, reads), reads, processes.size, readers),
        files: [...new Set(reads.map((r) => r.file))].sort(),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const START = "npm start";

/**
 * A description one process's code gives a variable several processes read says so ("reports: Run the facts
 * consumer"), rather than passing for what the variable does everywhere.
 */
function describedFor(
  description: string | undefined,
  reads: EnvRead[],
  processCount: number,
  readers: Map<EnvRead, string[]>,
): string | undefined {
  if (!description || processCount < 2) return description;
  const from = reads.filter((r) => r.description === description);
  const processes = new Set(from.flatMap((r) => readers.get(r) ?? []));
  if (from.some((r) => r.file.startsWith("packages/")) || processes.size !== 1) return description;
  return `${[...processes][0]}: ${description}`;
}

/**
 * For a variable several reads describe: the kit's words first (a shared variable described by one process's use of
 * it reads oddly elsewhere), then one that starts with the variable's name, then one that names it, then the one most
 * files share, then the shortest (the most specific).
 */
function bestDescription(name: string, reads: EnvRead[]): string | undefined {
  const described = reads.filter((r): r is EnvRead & { description: string } => r.description !== undefined);
  const count = (d: string) => new Set(described.filter((r) => r.description === d).map((r) => r.file)).size;
  const rank = (r: EnvRead & { description: string }) => [
    r.file.startsWith("packages/") ? 0 : 1,
    r.description.replace(/^`/, "").startsWith(name) ? 0 : 1,
    r.description.includes(name) ? 0 : 1,
    -count(r.description),
    r.description.length,
  ];
  const sorted = [...described].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x.reduce((order, value, i) => order || value - y[i]!, 0);
  });
  return sorted[0]?.description;
}
