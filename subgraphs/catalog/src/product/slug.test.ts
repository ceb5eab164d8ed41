import { isValidSlug, slugify } from "./slug";

describe("slugs", () => {
  it("makes a slug from a title", () => {
    expect(slugify("Grain-free Chicken Kibble, 2 kg!")).toBe("grain-free-chicken-kibble-2-kg");
    expect(slugify("  Crème brûlée  für Hunde ")).toBe("creme-brulee-fur-hunde");
    expect(slugify("!!!")).toBe("");
  });

  it("keeps a long title's slug within the limit, without a trailing hyphen", () => {
    const slug = slugify(`${"a".repeat(119)} b`);
    expect(slug.length).toBeLessThanOrEqual(120);
    expect(isValidSlug(slug)).toBe(true);
  });

  it.each(["kibble", "dry-food-2kg", "a1"])("accepts %s", (slug) => expect(isValidSlug(slug)).toBe(true));
  it.each(["Kibble", "dry--food", "-food", "food-", "dry food", "", "ü", "a".repeat(121)])("refuses %j", (slug) =>
    expect(isValidSlug(slug)).toBe(false),
  );
});
