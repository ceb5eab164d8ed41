import { allergenMention, checkAllergens } from "./contraindication";

describe("allergen mentions in a product's text", () => {
  it("finds an allergen named anywhere, in any case or number", () => {
    expect(allergenMention("Grain-free Chicken & rice kibble", "Chicken")).toBe("mentioned");
    expect(allergenMention("Made with real chickens and rice.", "chicken")).toBe("mentioned");
    expect(allergenMention("Salmon and potato", "Chicken")).toBe("absent");
  });

  it.each([
    "Chicken-free salmon kibble",
    "A chicken free recipe",
    "Contains no chicken.",
    "Made without chicken or grain",
    "Free from chicken",
    "Free of chicken, with duck",
    "This food does not contain chicken.",
    "It doesn't contain chicken",
  ])("forgives a negated mention: %s", (text) => {
    expect(allergenMention(text, "Chicken")).toBe("negated");
  });

  it.each([
    "Chicken-free topper. Chicken kibble inside the bag",
    "No fillers and chicken as the first ingredient",
    "Free from grain, chicken and soy",
    "Free-range chicken",
    "Chicken free-range recipe",
    "Tasty chicken. Free delivery",
  ])("counts a mention that is not plainly negated: %s", (text) => {
    expect(allergenMention(text, "Chicken")).toBe("mentioned");
  });

  it("reads the allergen's food, not its generic words, and its family", () => {
    expect(allergenMention("Beef chunks in gravy", "Beef protein")).toBe("mentioned");
    expect(allergenMention("Poultry meal and rice", "Chicken")).toBe("mentioned");
    expect(allergenMention("Turkey & duck pâté", "Poultry")).toBe("mentioned");
    expect(allergenMention("Tuna flakes", "Fish")).toBe("mentioned");
    expect(allergenMention("Flea and tick spot-on", "Flea saliva")).toBe("absent");
  });

  it("excludes a product naming any allergen and lists the ones it is free of", () => {
    expect(checkAllergens("Chicken-free, beef-free lamb dinner", ["Chicken", "Beef"])).toEqual({
      contraindicated: false,
      freeOf: ["Chicken", "Beef"],
    });
    expect(checkAllergens("Chicken-free beef dinner", ["Chicken", "Beef"])).toEqual({
      contraindicated: true,
      freeOf: [],
    });
  });
});
