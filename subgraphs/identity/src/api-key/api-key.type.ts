import { LocalDateResolver } from "graphql-scalars";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

/**
 * What an API key may do. Kept short on purpose: each scope is a set of root fields the gateway lets a
 * key's requests reach (gateway/src/api-keys/api-key-scopes.ts); everything else is refused.
 */
export enum ApiKeyScope {
  CATALOG_READ = "CATALOG_READ",
  CLINICS_READ = "CLINICS_READ",
  PETS_READ = "PETS_READ",
  BOOKINGS_WRITE = "BOOKINGS_WRITE",
}

registerEnumType(ApiKeyScope, {
  name: "ApiKeyScope",
  description:
    "What requests made with an API key may do. A key acts as the person who created it and sees only what they see; its scopes narrow that further: each opens a few root fields, and pets and bookings anywhere in an answer (e.g. `me { pets }`) need PETS_READ and BOOKINGS_WRITE. `me` is open to every key; account, security and key-management fields never are.",
  valuesConfig: {
    CATALOG_READ: {
      description: "Read the shop: `vendors`, `vendor`, `categories`, `category`, `product`, `searchProducts`.",
    },
    CLINICS_READ: { description: "Read clinics and their free slots: `clinics`, `clinic`, `availableSlots`." },
    PETS_READ: { description: "Read the key owner's pets (and pets they care for): `myPets`, `pets`, `pet`." },
    BOOKINGS_WRITE: {
      description:
        "Book for the key's owner: `holdSlot`, `releaseHold`, `confirmBooking`, `cancelBooking`, `rescheduleBooking`, and read a `booking`.",
    },
  },
});

/** The codes of every scope, for validation. */
export const API_KEY_SCOPES = Object.values(ApiKeyScope);

@ObjectType({ description: "One of your API keys, as listed in `myApiKeys`. The key itself is never shown again." })
export class ApiKey {
  @Field(() => ID, { description: "The key's id: pass it to `revokeApiKey` and `apiKeyUsage`." })
  id!: string;

  @Field(() => String, { description: "The name you gave it." })
  name!: string;

  @Field(() => String, {
    description: "The first characters of the key after `pk_`, to tell your keys apart (e.g. in your app's settings).",
  })
  prefix!: string;

  @Field(() => [ApiKeyScope], { description: "What the key may do." })
  scopes!: ApiKeyScope[];

  @Field(() => Date, { nullable: true, description: "When the key stops working; null: until revoked." })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When it was revoked; null while it works." })
  revokedAt!: Date | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "The last day (UTC) a request used it." })
  lastUsedOn!: string | null;

  @Field(() => Date, { description: "When it was created." })
  createdAt!: Date;
}

@ObjectType({ description: "A new API key: the only time the key is shown. Store it as you would a password." })
export class CreateApiKeyPayload {
  @Field(() => String, {
    description:
      "The key, `pk_` and 43 characters. Send it as `x-api-key: pk_...` or `Authorization: Bearer pk_...` to the gateway. Pawgraph keeps only a hash of it: it cannot be shown again.",
  })
  key!: string;

  @Field(() => ApiKey, { description: "The key's details, as `myApiKeys` lists them." })
  apiKey!: ApiKey;
}

@ObjectType({ description: "The outcome of `revokeApiKey`." })
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { description: "The key, now revoked: requests with it are refused within seconds." })
  apiKey!: ApiKey;
}

@ObjectType({ description: "Requests made with one API key on one day." })
export class ApiKeyUsageDay {
  @Field(() => LocalDateResolver, { description: "The day, in UTC." })
  day!: string;

  @Field(() => Int, { description: "Requests the gateway served with the key that day (refused ones included)." })
  requests!: number;
}
