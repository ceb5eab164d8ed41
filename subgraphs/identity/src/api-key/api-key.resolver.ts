import { LocalDateResolver } from "graphql-scalars";
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { BadUserInputError, isUuid } from "@pawgraph/subgraph-kit";
import type { IdentityContext } from "../context";
import { CreateApiKeyInput, RevokeApiKeyInput } from "./api-key.inputs";
import type { ApiKeyService } from "./api-key.service";
import { ApiKey, ApiKeyUsageDay, CreateApiKeyPayload, RevokeApiKeyPayload } from "./api-key.type";

/** API keys for third-party developers: managed by their owner in their own session, never with a key. */
@Resolver()
export class ApiKeyResolver {
  constructor(private readonly keys: ApiKeyService) {}

  @Authorized()
  @Query(() => [ApiKey], {
    // Nullable, as every root field: identity being down must not null other subgraphs' fields (docs/decisions/0024).
    nullable: true,
    description:
      "Your API keys that are not revoked (at most 25), newest first. The keys themselves are not shown: only their `prefix`. Not available to requests made with an API key.",
  })
  myApiKeys(@Ctx() ctx: IdentityContext): Promise<ApiKey[]> {
    return this.keys.mine(ctx);
  }

  @Authorized()
  @Query(() => [ApiKeyUsageDay], {
    nullable: true,
    description:
      "Requests made with one of your API keys per day (UTC), every day from `from` to `to` (at most 366 days). Counts reach this within a few seconds. Another person's key is NOT_FOUND.",
  })
  apiKeyUsage(
    @Arg("keyId", () => ID, { description: "The key's id (`ApiKey.id`)." }) keyId: string,
    @Arg("from", () => LocalDateResolver, { description: "The first day (UTC), YYYY-MM-DD." }) from: string,
    @Arg("to", () => LocalDateResolver, { description: "The last day (UTC), YYYY-MM-DD, included." }) to: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<ApiKeyUsageDay[]> {
    if (!isUuid(keyId)) throw new BadUserInputError("keyId", "keyId must be an API key id");
    return this.keys.usage(ctx, keyId, from, to);
  }

  @Authorized()
  @Mutation(() => CreateApiKeyPayload, {
    description:
      "Create an API key for an app of yours (your address must be verified). The answer is the only time the key is shown. Requests with it act as you, limited to its scopes; see `ApiKeyScope`. At most 25 keys at once (API_KEY_LIMIT_REACHED). Not available to requests made with an API key.",
  })
  createApiKey(
    @Arg("input", () => CreateApiKeyInput, { description: "The key's name, scopes and expiry." })
    input: CreateApiKeyInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<CreateApiKeyPayload> {
    return this.keys.create(ctx, input);
  }

  @Authorized()
  @Mutation(() => RevokeApiKeyPayload, {
    description:
      "Revoke one of your API keys: requests with it are refused within seconds, for good. Another person's key is NOT_FOUND. Not available to requests made with an API key.",
  })
  async revokeApiKey(
    @Arg("input", () => RevokeApiKeyInput, { description: "The key to revoke." }) input: RevokeApiKeyInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<RevokeApiKeyPayload> {
    return Object.assign(new RevokeApiKeyPayload(), { apiKey: await this.keys.revoke(ctx, input.id) });
  }
}
