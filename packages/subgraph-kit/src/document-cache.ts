import { LRUCache } from "lru-cache";
import {
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type ParseOptions,
  type Source,
  type ValidationRule,
} from "graphql";

/** Bounds of a DocumentCache: entries, and total characters of the cached query strings. */
export interface DocumentCacheOptions {
  maxEntries?: number;
  maxQueryChars?: number;
  /** Passed to graphql's `parse`, e.g. `maxTokens` (the gateway's token limit). */
  parseOptions?: ParseOptions;
  /** Rules run after graphql's own (the gateway's depth, alias and directive limits). */
  extraRules?: readonly ValidationRule[];
}

/**
 * Parsed and validated GraphQL documents by query text, for WebSocket operations. Apps send the same
 * few operations over and over; parsing and validating each subscribe against a supergraph-sized
 * schema cost about a millisecond (Apollo Server's HTTP path keeps the same kind of LRU for that
 * reason). Validation results are kept per schema object, so a new schema starts empty.
 * Documents are treated as immutable, as graphql-js does.
 */
export class DocumentCache {
  private readonly documents: LRUCache<string, DocumentNode>;
  private readonly validations = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, readonly GraphQLError[]>>();
  private readonly parseOptions: ParseOptions | undefined;
  private readonly rules: readonly ValidationRule[] | undefined;

  constructor(options: DocumentCacheOptions = {}) {
    this.parseOptions = options.parseOptions;
    this.rules = options.extraRules?.length ? [...specifiedRules, ...options.extraRules] : undefined;
    this.documents = new LRUCache<string, DocumentNode>({
      max: options.maxEntries ?? 1_000,
      maxSize: options.maxQueryChars ?? 5_000_000,
      sizeCalculation: (_document, query) => Math.max(1, query.length),
    });
  }

  /** The document for the query text; throws graphql's syntax error, which is not cached. */
  parse = (source: string | Source): DocumentNode => {
    const query = typeof source === "string" ? source : source.body;
    let document = this.documents.get(query);
    if (!document) {
      document = parse(source, this.parseOptions);
      this.documents.set(query, document);
    }
    return document;
  };

  /** graphql's validation errors of `document` against `schema` (empty when valid). */
  validate = (schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[] => {
    let bySchema = this.validations.get(schema);
    if (!bySchema) this.validations.set(schema, (bySchema = new WeakMap()));
    let errors = bySchema.get(document);
    if (!errors) {
      errors = validate(schema, document, this.rules);
      bySchema.set(document, errors);
    }
    return errors;
  };

  /** Query strings cached. */
  get size(): number {
    return this.documents.size;
  }
}
