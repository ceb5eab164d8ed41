export { COUNTRIES, CURRENCIES } from "@pawgraph/subgraph-kit";

/** A URL-safe slug from a shop's name: "Café Müller & Söhne" → "cafe-muller-sohne" (at most 60 characters). */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 60)
    .replace(/^-+|-+$/g, "");
}
