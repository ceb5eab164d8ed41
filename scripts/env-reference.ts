// `npm run env-reference` (part of `npm run generate`): every environment variable the processes read,
// found in their TypeScript with the compiler API, → docs/configuration.md, .env.example and the README's
// production list. The code is the source: a variable's default is its literal fallback, its description the
// comment nearest to where it is read (docs/decisions/0059-configuration-reference.md).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";

export const ROOT = resolve(__dirname, "..");

/** One read of one variable: where, with what default, and what the code says about it. */
export interface EnvRead {
  name: string;
  file: string;
  /** The top-level function (or constant, or class) of the file the read is in. */
  owner?: string;
  default?: string;
  requiredInProduction: boolean;
  /** `envString(NAME)` with no fallback: required, unless the same variable is also read as optional. */
  bare?: boolean;
  description?: string;
}

/** One variable with every read of it and the processes that load those reads. */
export interface EnvVariable {
  name: string;
  processes: string[];
  default?: string;
  requiredInProduction: boolean;
  description?: string;
  files: string[];
}

/** The kit's readers (argument index of the name, of the fallback) and `envValue(env, name)` of ai. */
const BASE_HELPERS: Record<string, { name: number; fallback?: number }> = {
  envString: { name: 0, fallback: 1 },
  envOptional: { name: 0 },
  envInt: { name: 0, fallback: 1 },
  envBool: { name: 0, fallback: 1 },
  envValue: { name: 1 },
};

/**
 * The names a name expression stands for: a template over a union of string literals is each of them
 * (`${name}_CLIENT_ID` over `SOCIAL_PROVIDERS` → GOOGLE_CLIENT_ID, APPLE_CLIENT_ID), any other computed part a
 * placeholder.
 */
function namesOf(expression: ts.Expression, checker: ts.TypeChecker): string[] {
  if (!ts.isTemplateExpression(expression)) {
    const name = nameOf(expression);
    return name ? [name] : [];
  }
  let names = [expression.head.text];
  for (const span of expression.templateSpans) {
    const type = checker.getTypeAtLocation(span.expression);
    const literals = (type.isUnion() ? type.types : [type]).map((t) => (t.isStringLiteral() ? t.value : undefined));
    const parts = literals.every((l) => l !== undefined) ? (literals as string[]) : [placeholder(span.expression)];
    names = names.flatMap((n) => parts.map((part) => n + part + span.literal.text));
  }
  return names;
}

/** A placeholder for a part of a name computed at run time: `${subgraph.toUpperCase()}_URL` → `<SUBGRAPH>_URL`. */
function placeholder(expression: ts.Expression): string {
  let e: ts.Expression = expression;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) e = e.expression.expression;
  const word = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : "name";
  return `<${word.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}>`;
}

/** A name expression: a literal, or a template whose computed parts become placeholders. */
function nameOf(expression: ts.Expression, params: Map<string, string> = new Map()): string | undefined {
  if (ts.isStringLiteralLike(expression)) return expression.text;
  if (ts.isIdentifier(expression)) return params.get(expression.text);
  if (ts.isTemplateExpression(expression)) {
    let name = expression.head.text;
    for (const span of expression.templateSpans) {
      const part = ts.isIdentifier(span.expression) ? params.get(span.expression.text) : undefined;
      name += (part ?? placeholder(span.expression)) + span.literal.text;
    }
    return name;
  }
  return undefined;
}

function isProductionCall(e: ts.Expression): boolean {
  if (ts.isIdentifier(e)) {
    // `const production = isProduction();` then `envBool("SANDBOX_ENABLED", !production)`.
    const declaration = e.getSourceFile().statements.length ? findConst(e.getSourceFile(), e) : undefined;
    return declaration?.initializer !== undefined && isProductionCall(declaration.initializer);
  }
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "isProduction";
}

/** The `const` of that name in the function (or file) around a use of it. */
function findConst(sourceFile: ts.SourceFile, use: ts.Identifier): ts.VariableDeclaration | undefined {
  for (let n: ts.Node | undefined = use.parent; n; n = n.parent) {
    if (!(ts.isBlock(n) || ts.isSourceFile(n))) continue;
    for (const statement of n.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      const found = statement.declarationList.declarations.find(
        (d) => ts.isIdentifier(d.name) && d.name.text === use.text,
      );
      if (found) return found;
    }
  }
  return undefined;
}

type Constant = string | number | boolean;

/** The value of a constant expression, following constants and object properties to their literals. */
function evaluate(expression: ts.Expression, checker: ts.TypeChecker, depth = 0): Constant | undefined {
  if (depth > 8) return undefined;
  const e = expression;
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))
    return evaluate(e.expression, checker, depth + 1);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isNumericLiteral(e)) return Number(e.text.replace(/_/g, ""));
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) {
    const value = evaluate(e.operand, checker, depth + 1);
    return typeof value === "number" ? -value : undefined;
  }
  if (ts.isBinaryExpression(e)) {
    const left = evaluate(e.left, checker, depth + 1);
    const right = evaluate(e.right, checker, depth + 1);
    if (typeof left !== "number" || typeof right !== "number") return undefined;
    if (e.operatorToken.kind === ts.SyntaxKind.AsteriskToken) return left * right;
    if (e.operatorToken.kind === ts.SyntaxKind.PlusToken) return left + right;
    return undefined;
  }
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    let symbol = checker.getSymbolAtLocation(ts.isIdentifier(e) ? e : e.name);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const isConst = (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
      return isConst ? evaluate(declaration.initializer, checker, depth + 1) : undefined;
    }
    if (declaration && ts.isPropertyAssignment(declaration))
      return evaluate(declaration.initializer, checker, depth + 1);
    if (ts.isPropertyAccessExpression(e)) {
      // `d.maxTokens` where `const d = DEFAULT_LIMITS` (typed by an interface, so the checker lands on the interface).
      const object = objectLiteralOf(e.expression, checker, depth + 1);
      const property = object?.properties.find(
        (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === e.name.text,
      );
      return property ? evaluate(property.initializer, checker, depth + 1) : undefined;
    }
  }
  return undefined;
}

function objectLiteralOf(
  expression: ts.Expression,
  checker: ts.TypeChecker,
  depth: number,
): ts.ObjectLiteralExpression | undefined {
  if (depth > 8) return undefined;
  if (ts.isObjectLiteralExpression(expression)) return expression;
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression))
    return objectLiteralOf(expression.expression, checker, depth + 1);
  const node = ts.isPropertyAccessExpression(expression) ? expression.name : expression;
  let symbol = checker.getSymbolAtLocation(node);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer)
    return objectLiteralOf(declaration.initializer, checker, depth + 1);
  if (declaration && ts.isPropertyAssignment(declaration))
    return objectLiteralOf(declaration.initializer, checker, depth + 1);
  if (ts.isPropertyAccessExpression(expression)) {
    const object = objectLiteralOf(expression.expression, checker, depth + 1);
    const property = object?.properties.find(
      (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === expression.name.text,
    );
    return property ? objectLiteralOf(property.initializer, checker, depth + 1) : undefined;
  }
  return undefined;
}

function shown(value: Constant): string {
  return value === "" ? "empty" : `\`${String(value)}\``;
}

/** A fallback as the reader sees it: a constant, or "x outside production"; undefined when computed. */
function defaultOf(
  expression: ts.Expression | undefined,
  checker: ts.TypeChecker,
): { text?: string; production?: boolean } {
  if (!expression) return {};
  const e = ts.isParenthesizedExpression(expression) ? expression.expression : expression;
  if (ts.isConditionalExpression(e) && isProductionCall(e.condition)) {
    const dev = defaultOf(e.whenFalse, checker).text;
    const production = e.whenTrue.getText() === "undefined";
    return { text: dev === undefined ? undefined : `${dev} outside production`, production };
  }
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken && isProductionCall(e.operand)) {
    return { text: "`true` outside production" };
  }
  const value = evaluate(e, checker);
  return { text: value === undefined ? undefined : shown(value) };
}

/** A comment's text without its markers, on one line. */
function commentText(raw: string): string {
  return raw
    .replace(/^\/\*\*?|\*\/$/g, "")
    .split("\n")
    .map((line) => line.replace(/^\s*(\*|\/\/)\s?/, "").trim())
    .filter((line) => !line.startsWith("eslint-") && !/^@(param|returns?|see|example|deprecated|throws)\b/.test(line))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

function leadingComments(node: ts.Node, text: string): string[] {
  return (ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []).map((r) =>
    commentText(text.slice(r.pos, r.end)),
  );
}

/** Every comment of a file, for variables documented away from where they are read (`NAME` (250)). */
function allComments(sourceFile: ts.SourceFile): string[] {
  const comments: string[] = [];
  const seen = new Set<number>();
  const text = sourceFile.text;
  const visit = (node: ts.Node) => {
    for (const r of ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []) {
      if (seen.has(r.pos)) continue;
      seen.add(r.pos);
      comments.push(commentText(text.slice(r.pos, r.end)));
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return comments;
}

/**
 * The part of a comment about the variable: its item when the comment is a list ("- AI_MODEL: the provider's model
 * id"), the sentence that names it when the comment is long, else the whole comment.
 */
function sentenceAbout(comment: string, name: string): string {
  const items = comment.split(/\s+-\s+(?=\S)/);
  if (items.length > 2) {
    const item = items.find((i) => new RegExp(`^\`?${name}\\b`).test(i)) ?? items.find((i) => i.includes(name));
    if (item) return item.replace(/;$/, ".");
  }
  if (comment.length <= 240) return comment;
  const sentences = comment.split(/(?<=[.;:])\s+(?=[A-Z`(])/);
  const index = Math.max(
    0,
    sentences.findIndex((s) => s.includes(name)),
  );
  return sentences.slice(index, index + 2).join(" ");
}

/**
 * The description of a read: the comment before the nearest statement, property or parameter around it (up to
 * its function), else the comment on that function when it names the variable, else any comment of the file
 * that names it in backquotes.
 */
function describe(
  node: ts.Node,
  name: string,
  sourceFile: ts.SourceFile,
  comments: string[],
  checker?: ts.TypeChecker,
): string | undefined {
  const text = sourceFile.text;
  let property = true;
  for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
    let own = leadingComments(n, text).join(" ");
    if (!own && property && checker && ts.isPropertyAssignment(n) && ts.isObjectLiteralExpression(n.parent)) {
      // `port: envInt("PORT", 4000)` in an object of type GatewayConfig: the JSDoc of GatewayConfig.port.
      property = false;
      const field = checker.getContextualType(n.parent)?.getProperty(n.name.getText());
      own = field ? ts.displayPartsToString(field.getDocumentationComment(checker)).replace(/\s+/g, " ").trim() : "";
    }
    const functionLike = ts.isFunctionLike(n) || ts.isClassDeclaration(n);
    if (own && (!functionLike || own.includes(name))) return sentenceAbout(own, name);
    if (
      functionLike &&
      ts.isArrowFunction(n) === false &&
      !(ts.isVariableDeclaration(n.parent) || ts.isPropertyAssignment(n.parent))
    )
      break;
    if (ts.isVariableStatement(n) && ts.isSourceFile(n.parent)) break;
  }
  const mention = comments.find((c) => c.includes(`\`${name}\``) || new RegExp(`\\b${name}\\b`).test(c));
  return mention ? sentenceAbout(mention, name) : undefined;
}

/** Whether the file says the variable is required in production (`NAME is required in production`). */
function requiredInProductionSaid(sourceFile: ts.SourceFile, name: string): boolean {
  return new RegExp(`${name}\\}?\\s+is required in production`).test(sourceFile.text);
}

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
      description: describe(node, name, sourceFile, comments, checker),
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
        description: describe(node, node.name.text, sourceFile, comments),
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
 * Variables libraries read from the environment themselves, so no code of ours names them: the one list here that
 * is not found in the code. Only those an operator of Pawgraph is expected to set.
 */
export const LIBRARY_VARIABLES: readonly { name: string; library: string; default?: string; description: string }[] = [
  {
    name: "OTEL_TRACES_SAMPLER",
    library: "OpenTelemetry SDK, every process",
    default: "`parentbased_always_on`",
    description:
      "Which operations are traced, e.g. `parentbased_traceidratio` with `OTEL_TRACES_SAMPLER_ARG=0.1`: subgraphs follow the gateway's decision (docs/decisions/0051).",
  },
  {
    name: "OTEL_TRACES_SAMPLER_ARG",
    library: "OpenTelemetry SDK, every process",
    description: "The sampler's argument, e.g. the ratio of `parentbased_traceidratio`.",
  },
  {
    name: "OTEL_EXPORTER_OTLP_HEADERS",
    library: "OpenTelemetry SDK, every process",
    description:
      "Headers sent to the collector, e.g. its API key (`OTEL_EXPORTER_OTLP_TIMEOUT` and `OTEL_BSP_*` batching apply as the SDK documents them).",
  },
  {
    name: "OTEL_RESOURCE_ATTRIBUTES",
    library: "OpenTelemetry SDK, every process",
    description: "More attributes of the traces' resource, e.g. `deployment.environment=prod`.",
  },
  {
    name: "GOOGLE_APPLICATION_CREDENTIALS",
    library: "google-auth-library, messaging",
    description: "The service account file push notifications are sent with (with `FCM_PROJECT_ID`).",
  },
  {
    name: "AWS_ACCESS_KEY_ID",
    library: "AWS SDK, every subgraph",
    description:
      "With `AWS_SECRET_ACCESS_KEY`, credentials for `S3_BUCKET` when the default chain (instance or pod role) has none.",
  },
  {
    name: "AWS_SECRET_ACCESS_KEY",
    library: "AWS SDK, every subgraph",
    description: "The secret of `AWS_ACCESS_KEY_ID`.",
  },
];

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

const SECRET = /SECRET|PRIVATE_KEY|TOKEN$|API_KEY|PASSWORD/;

/** Sections: one per process for what only it reads, then what several read. */
function sections(variables: EnvVariable[]): { title: string; process?: string; variables: EnvVariable[] }[] {
  const processes = [...processEntries().map((e) => e.process), START];
  const every = processEntries().map((e) => e.process);
  const shared = variables.filter((v) => v.processes.length > 1);
  return [
    {
      title: "Every process",
      variables: shared.filter((v) => every.every((p) => v.processes.includes(p))),
    },
    {
      title: "Several processes",
      variables: shared.filter((v) => !every.every((p) => v.processes.includes(p))),
    },
    ...processes.map((process) => ({
      title: process === START ? "`npm start`" : process,
      process,
      variables: variables.filter((v) => v.processes.length === 1 && v.processes[0] === process),
    })),
  ].filter((s) => s.variables.length > 0);
}

function readBy(variable: EnvVariable): string {
  const every = processEntries().map((e) => e.process);
  if (every.every((p) => variable.processes.includes(p)))
    return ["every process", ...variable.processes.filter((p) => !every.includes(p))].join(", ");
  const subgraphs = processEntries()
    .map((e) => e.process)
    .filter((p) => p !== "gateway");
  if (subgraphs.every((s) => variable.processes.includes(s))) {
    const rest = variable.processes.filter((p) => !subgraphs.includes(p));
    return ["every subgraph", ...rest].join(", ");
  }
  return variable.processes.join(", ");
}

const cell = (text: string | undefined) => (text ?? "").replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();

/**
 * Markdown as Prettier formats it (the repository's `.prettierrc.json`), in a child process: Prettier 3 loads its
 * plugins with dynamic `import()`, which Jest's CommonJS sandbox refuses.
 */
function formatMarkdown(text: string, path: string): string {
  const bin = require.resolve("prettier/bin/prettier.cjs");
  return execFileSync(process.execPath, [bin, "--stdin-filepath", join(ROOT, path)], { input: text, encoding: "utf8" });
}

/** docs/configuration.md, formatted as Prettier would. */
export function configurationMarkdown(variables: EnvVariable[]): string {
  const lines = [
    "# Configuration reference",
    "",
    "<!-- Generated by `npm run env-reference` (part of `npm run generate`) from the code; do not edit. -->",
    "",
    "Every environment variable a process reads, found in its TypeScript by `scripts/env-reference.ts`: the default",
    "is the literal the code falls back to (— when it is computed: see the description), the description the comment",
    "next to where it is read. _Required in production_: the process refuses to start there without it.",
    "`<SUBGRAPH>` stands for a subgraph's name in capitals (`PETS_URL`). `.env.example` lists the same variables.",
    "",
  ];
  for (const section of sections(variables)) {
    lines.push(`## ${section.title}`, "");
    const several = section.process === undefined;
    lines.push(
      several
        ? "| variable | read by | default | required in production | description |"
        : "| variable | default | required in production | description |",
      several ? "| --- | --- | --- | --- | --- |" : "| --- | --- | --- | --- |",
    );
    for (const v of section.variables) {
      const columns = [
        `\`${v.name}\``,
        ...(several ? [readBy(v)] : []),
        cell(v.default) || "—",
        v.requiredInProduction ? "yes" : "",
        cell(v.description),
      ];
      lines.push(`| ${columns.join(" | ")} |`);
    }
    lines.push("");
  }
  lines.push(
    "## Read by libraries",
    "",
    "No code of ours names these; the libraries read them themselves (`LIBRARY_VARIABLES` in `scripts/env-reference.ts`).",
    "",
    "| variable | read by | default | description |",
    "| --- | --- | --- | --- |",
    ...LIBRARY_VARIABLES.map((v) => `| \`${v.name}\` | ${v.library} | ${v.default ?? "—"} | ${cell(v.description)} |`),
    "",
  );
  return formatMarkdown(lines.join("\n"), "docs/configuration.md");
}

/** .env.example: every variable commented out, with its default; secrets empty. */
export function envExample(variables: EnvVariable[]): string {
  const lines = [
    "# Every environment variable Pawgraph's processes read, generated from the code by `npm run env-reference`",
    "# (docs/configuration.md has the same list with descriptions). Everything has a development default: uncomment",
    "# what you change. Secrets are left empty; never commit their values.",
  ];
  for (const section of sections(variables)) {
    lines.push("", `# --- ${section.title.replace(/`/g, "")} ---`);
    for (const v of section.variables) {
      if (v.name.includes("<")) continue;
      const about = [
        v.description,
        section.process ? undefined : `Read by ${readBy(v)}.`,
        v.requiredInProduction ? "Required in production." : undefined,
      ]
        .filter(Boolean)
        .join(" ");
      for (const line of wrap(about, 116)) lines.push(`# ${line}`);
      const literal = v.default?.match(/^`([^`]*)`$/)?.[1];
      const value = SECRET.test(v.name) ? "" : (literal ?? "");
      lines.push(`# ${v.name}=${value}`);
    }
    const patterns = section.variables.filter((v) => v.name.includes("<"));
    for (const v of patterns) lines.push(`# ${v.name}=  (${cell(v.description) || "per subgraph"})`.slice(0, 240));
  }
  lines.push("", "# --- Read by libraries ---");
  for (const v of LIBRARY_VARIABLES) {
    for (const line of wrap(`${v.description} Read by ${v.library}.`, 116)) lines.push(`# ${line}`);
    const literal = v.default?.match(/^`([^`]*)`$/)?.[1];
    lines.push(`# ${v.name}=${SECRET.test(v.name) ? "" : (literal ?? "")}`);
  }
  return lines.join("\n") + "\n";
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export const README_START = "<!-- env-reference:start -->";
export const README_END = "<!-- env-reference:end -->";

/** The README's block between the markers: what production needs, and where the rest is. */
export function readmeBlock(variables: EnvVariable[]): string {
  const required = variables.filter((v) => v.requiredInProduction);
  const table = [
    "| variable | read by | description |",
    "| --- | --- | --- |",
    ...required.map((v) => `| \`${v.name}\` | ${readBy(v)} | ${cell(v.description)} |`),
  ].join("\n");
  const body = `All ${variables.length} variables the processes read are listed by process, with their defaults and what
they do, in [docs/configuration.md](docs/configuration.md), and commented in \`.env.example\`. Outside production
everything has a default; in production (\`NODE_ENV=production\`) a process refuses to start without these:

${table}
`;
  return formatMarkdown(body, "README.md").trim();
}

export function withReadmeBlock(readme: string, block: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} block`);
  return `${readme.slice(0, start + README_START.length)}\n\n${block}\n\n${readme.slice(end)}`;
}

/** The generated files, by path, as they should be committed. */
export function generatedFiles(variables = collectVariables()): Map<string, string> {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  return new Map([
    ["docs/configuration.md", configurationMarkdown(variables)],
    [".env.example", envExample(variables)],
    ["README.md", withReadmeBlock(readme, readmeBlock(variables))],
  ]);
}

if (require.main === module) {
  const files = generatedFiles();
  for (const [path, text] of files) writeFileSync(join(ROOT, path), text);
  console.log(`Wrote ${[...files.keys()].join(", ")}`);
}
