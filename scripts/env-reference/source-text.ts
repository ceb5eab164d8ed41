// What the TypeScript says about one read: the variable's name, its default and its description
// (docs/decisions/0059-configuration-reference.md).
import ts from "typescript";

/** The kit's readers (argument index of the name, of the fallback) and `envValue(env, name)` of ai. */
export const BASE_HELPERS: Record<string, { name: number; fallback?: number }> = {
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
export function namesOf(expression: ts.Expression, checker: ts.TypeChecker): string[] {
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
export function placeholder(expression: ts.Expression): string {
  let e: ts.Expression = expression;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) e = e.expression.expression;
  const word = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : "name";
  return `<${word.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}>`;
}

/** A name expression: a literal, or a template whose computed parts become placeholders. */
export function nameOf(expression: ts.Expression, params: Map<string, string> = new Map()): string | undefined {
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

export function isProductionCall(e: ts.Expression): boolean {
  if (ts.isIdentifier(e)) {
    // `const production = isProduction();` then `envBool("SANDBOX_ENABLED", !production)`.
    const declaration = e.getSourceFile().statements.length ? findConst(e.getSourceFile(), e) : undefined;
    return declaration?.initializer !== undefined && isProductionCall(declaration.initializer);
  }
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "isProduction";
}

/** The `const` of that name in the function (or file) around a use of it. */
export function findConst(sourceFile: ts.SourceFile, use: ts.Identifier): ts.VariableDeclaration | undefined {
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
export function evaluate(expression: ts.Expression, checker: ts.TypeChecker, depth = 0): Constant | undefined {
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

export function objectLiteralOf(
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
export function defaultOf(
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
export function allComments(sourceFile: ts.SourceFile): string[] {
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
export function describeRead(
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
export function requiredInProductionSaid(sourceFile: ts.SourceFile, name: string): boolean {
  return new RegExp(`${name}\\}?\\s+is required in production`).test(sourceFile.text);
}
