import { BadUserInputError, isCountryCode } from "@pawgraph/subgraph-kit";
import type { AddressRow } from "../cart/cart.repository";
import type { ShippingAddressInput } from "./address.type";

function text(field: string, value: string | null | undefined, max: number, required: boolean): string | null {
  const trimmed = value?.trim() ?? "";
  if (!trimmed) {
    if (required) throw new BadUserInputError(field, "is required");
    return null;
  }
  if (trimmed.length > max) throw new BadUserInputError(field, `must be at most ${max} characters`);
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new BadUserInputError(field, "must not contain control characters");
  return trimmed;
}

/** Checks an address field by field (`<prefix>.<field>` names the one at fault) and normalises it. */
export function toAddressRow(input: ShippingAddressInput, prefix = "input"): AddressRow {
  const country = input.country?.trim().toUpperCase() ?? "";
  if (!isCountryCode(country))
    throw new BadUserInputError(`${prefix}.country`, "must be an ISO 3166-1 alpha-2 country code, e.g. US");
  const region = text(`${prefix}.region`, input.region, 3, false)?.toUpperCase() ?? null;
  if (region && !/^[A-Z0-9]{1,3}$/.test(region))
    throw new BadUserInputError(`${prefix}.region`, "must be a subdivision code such as CA or NSW");
  return {
    name: text(`${prefix}.name`, input.name, 120, true)!,
    line1: text(`${prefix}.line1`, input.line1, 200, true)!,
    line2: text(`${prefix}.line2`, input.line2, 200, false),
    city: text(`${prefix}.city`, input.city, 120, true)!,
    region,
    postalCode: text(`${prefix}.postalCode`, input.postalCode, 20, false),
    country,
    phone: text(`${prefix}.phone`, input.phone, 30, false),
  };
}
