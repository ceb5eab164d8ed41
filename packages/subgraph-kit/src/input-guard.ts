import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type ASTNode, type ASTVisitor, type ValidationContext } from "graphql";

/**
 * No single string a client sends needs more than this (the longest fields, notes and messages, cap
 * themselves at 10,000 characters); anything longer is refused before a resolver copies it around.
 */
export const MAX_STRING_LENGTH = 100_000;

/** What is wrong with one input value, and where. */
export interface InputProblem {
  field: string;
  message: string;
}

const SUSPECT = /[\u0000\uD800-\uDFFF]/;
// A UTF-16 high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why one string or number cannot be stored, or undefined. NUL is refused by Postgres text (the
 * insert failed and surfaced as a 500); a lone surrogate is not Unicode and is silently replaced
 * when encoded as UTF-8; a non-finite number (`1e999` parses to Infinity) fits no column.
 */
export function scalarProblem(value: unknown): string | undefined {
  if (typeof value === "string") {
    if (value.length > MAX_STRING_LENGTH) return `must be at most ${MAX_STRING_LENGTH} characters`;
    // One cheap scan first: most text has neither NUL nor surrogates (emoji have paired ones).
    if (!SUSPECT.test(value)) return undefined;
    if (value.includes("\u0000")) return "must not contain NUL characters";
    if (LONE_SURROGATE.test(value)) return "must be valid Unicode (it contains a lone surrogate)";
  } else if (typeof value === "number" && !Number.isFinite(value)) {
    return "must be a finite number";
  }
  return undefined;
}

/** The first problem anywhere in a JSON value (variables), with its path such as `input.notes.plan` or `ids[2]` (as GraphQL-js names them). */
export function findInputProblem(value: unknown, path: string): InputProblem | undefined {
  const found = walk(value);
  if (!found) return undefined;
  // The path is built only for a problem: checking every request's variables stays allocation-free.
  const field = found.at.reduceRight<string>(
    (prefix, step) => (typeof step === "number" ? `${prefix}[${step}]` : `${prefix}.${step}`),
    path,
  );
  return { field, message: found.message };
}

/** The first problem in `value`, with the keys and indexes leading to it (innermost first). */
function walk(value: unknown): { at: (string | number)[]; message: string } | undefined {
  if (value === null || typeof value !== "object") {
    const message = scalarProblem(value);
    return message ? { at: [], message } : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i]);
      if (found) return (found.at.push(i), found);
    }
    return undefined;
  }
  for (const key in value) {
    const keyProblem = scalarProblem(key);
    if (keyProblem) return { at: [], message: `has a key that ${keyProblem}` };
    const found = walk((value as Record<string, unknown>)[key]);
    if (found) return (found.at.push(key), found);
  }
  return undefined;
}

/** The BAD_USER_INPUT error for one problem: HTTP 400, `extensions.field`, and never the value itself. */
export function inputProblemError(problem: InputProblem): GraphQLError {
  return new GraphQLError(`Invalid value for ${problem.field}: ${problem.message}`, {
    extensions: { code: "BAD_USER_INPUT", field: problem.field, http: { status: 400 } },
  });
}

/** The BAD_USER_INPUT error for the first problem in an operation's variables, or undefined. */
export function variablesProblem(
  variables: Readonly<Record<string, unknown>> | null | undefined,
): GraphQLError | undefined {
  for (const [name, value] of Object.entries(variables ?? {})) {
    const problem = findInputProblem(value, name);
    if (problem) return inputProblemError(problem);
  }
  return undefined;
}

/**
 * A validation rule for values written into the document itself (`createPet(input: { name: "…" })`):
 * the same checks as for variables, with the field named by its argument and input-field path.
 * GraphQL-js parses `1e999` into Infinity without complaint, so numbers are checked here too.
 */
export function InputGuardRule(context: ValidationContext): ASTVisitor {
  const path: string[] = [];
  const report = (message: string | undefined, node: ASTNode) => {
    if (!message) return;
    const field = path.join(".") || "document";
    context.reportError(
      new GraphQLError(`Invalid value for ${field}: ${message}`, {
        nodes: node,
        extensions: { code: "BAD_USER_INPUT", field },
      }),
    );
  };
  return {
    Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    StringValue: (node) => report(scalarProblem(node.value), node),
    FloatValue: (node) => report(scalarProblem(Number(node.value)), node),
    IntValue: (node) => report(scalarProblem(Number(node.value)), node),
  };
}

/**
 * Refuses bad variables (NUL, lone surrogates, over-long strings, non-finite numbers) before any
 * resolver runs, as BAD_USER_INPUT naming the variable path; with `InputGuardRule` for literals,
 * every input of every operation is covered without a line in any resolver.
 */
export function inputGuardPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ request }) => {
        const problem = variablesProblem(request.variables);
        if (problem) throw problem;
      },
    }),
  };
}

/** GraphQL-js appends "Did you mean …?" to some validation errors: it lists schema fields to whoever asks. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, "");
}

/** Schema suggestions help whoever explores the API: only in development (`NODE_ENV=development`), never in tests or production. */
export function showsSchemaSuggestions(): boolean {
  return process.env.NODE_ENV === "development";
}
