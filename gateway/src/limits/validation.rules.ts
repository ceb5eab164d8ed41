import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  Kind,
  type DocumentNode,
  type GraphQLError,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import type { LimitsConfig } from "./limits.config";
import { tooComplexError, type LimitName } from "./limits.errors";

/** graphql-armor's rules say what they found only in their message ("..., found 242."). */
function foundIn(message: string): number | undefined {
  const match = /found (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

interface OperationCheck {
  onOperationDefinitionEnter(operation: OperationDefinitionNode): void;
}

/**
 * The document-shape limits as one validation rule: depth, aliases and directives, counted by
 * graphql-armor's visitors (fragments followed, each counted once). It runs where documents are
 * validated, so Apollo Server's document cache and the WebSocket server's run it once per distinct
 * document, not per request. Tokens are limited by the parser itself (graphql-js `maxTokens`).
 *
 * It checks every operation when validation enters the document and, when one is over a limit,
 * returns `null` there: graphql-js then skips the rest of the document for every rule. An abusive
 * document costs one pass of counting instead of graphql's own rules, some of which are quadratic
 * in the number of fields (OverlappingFieldsCanBeMerged), and the client gets only the refusal.
 */
export function limitValidationRules(
  config: Pick<LimitsConfig, "maxDepth" | "maxAliases" | "maxDirectives">,
): ValidationRule[] {
  const rule: ValidationRule = (context: ValidationContext) => {
    let refused = false;
    const refusal = (limit: LimitName, max: number) => ({
      n: max,
      propagateOnRejection: false,
      onReject: [
        (_context: ValidationContext | null, error: GraphQLError) => {
          refused = true;
          context.reportError(tooComplexError(limit, max, foundIn(error.message), "ws"));
        },
      ],
    });
    const checks = [
      // A fragment adds no level to the data, so spreads are not counted as one.
      maxDepthRule({ ...refusal("depth", config.maxDepth), ignoreIntrospection: true, flattenFragments: true })(
        context,
      ),
      maxAliasesRule(refusal("aliases", config.maxAliases))(context),
      maxDirectivesRule(refusal("directives", config.maxDirectives))(context),
    ] as unknown as OperationCheck[];
    return {
      Document: {
        enter(document: DocumentNode) {
          for (const definition of document.definitions) {
            if (definition.kind === Kind.OPERATION_DEFINITION)
              for (const check of checks) check.onOperationDefinitionEnter(definition);
          }
          return refused ? null : undefined;
        },
      },
    };
  };
  return [rule];
}
