// Poisons. Each needs the substance and an exposure (eaten, licked, drunk, given, put on the pet);
// naming the substance without an exposure is a safety question (BLUE, `askedAbout`).
import { ATE, GIVEN, type TriageRule } from "./triage-rule";

export const TOXIN_RULES: TriageRule[] = [
  {
    code: "TOXIN_XYLITOL",
    label: "Xylitol (in sugar-free gum, sweets and some peanut butter) can drop a dog's blood sugar within minutes.",
    level: "RED",
    match: [
      "xylitol|xilitol|xylitl|e967",
      "(birch sugar)",
      "(sugar free|sugarless|sugarfree|diet) .. =gum|sweets|mints|candy|peanut|lollies|chocolate|cookies|biscuits",
      "chewing|nicotine|bubble =gum",
      "piece|pieces|pack|packet|stick|sticks|some|of .. =gum",
      "ate|eaten|swallowed|chewed|eat|eating .. =gum",
    ],
    requires: [ATE],
    askedAbout: true,
  },
  {
    code: "TOXIN_CHOCOLATE",
    label: "Chocolate is poisonous to dogs and cats.",
    level: "ORANGE",
    match: [
      "chocolate*|choclate*|chocolat|choc|chocs|choccy|choccie*|cocoa|cacao|brownie*|kitkat*|smarties|maltesers|hershey*|snickers|nutella",
      "(easter egg|easter eggs|mars bar|mars bars|kit kat|m and ms|galaxy bar|dairy milk)",
    ],
    requires: [ATE],
    askedAbout: true,
  },
  {
    code: "TOXIN_GRAPES",
    label: "Grapes, raisins, sultanas and currants can cause kidney failure in dogs.",
    level: "ORANGE",
    species: { DOG: "ORANGE", CAT: "YELLOW", FERRET: "YELLOW" },
    otherSpecies: null,
    match: [
      "grape|grapes|raisin|raisins|rasin|rasins|raison|raisons|sultana*|currant|currants|fruitcake*|panettone|stollen",
      "(hot cross bun|hot cross buns|fruit cake|christmas pudding|christmas cake|mince pie|mince pies|trail mix|fruit loaf|malt loaf)",
    ],
    requires: [ATE],
    askedAbout: true,
  },
  {
    code: "TOXIN_ONION",
    label: "Onions, garlic, leeks and chives damage red blood cells in dogs and cats.",
    level: "ORANGE",
    match: ["onion*|garlic*|leek|leeks|chive|chives|shallot*|scallion*"],
    requires: [ATE],
    askedAbout: true,
  },
  {
    code: "TOXIN_LILY",
    label: "Every part of a lily, even pollen or vase water, can cause kidney failure in cats.",
    level: "RED",
    species: { CAT: "RED", DOG: "YELLOW" },
    otherSpecies: "YELLOW",
    match: [
      "lily|lilly|lilies|lillies|lilys|lillys|lilium|daylil*|stargazer*",
      "(day lily|day lilies|tiger lily|tiger lilies|easter lily|easter lilies)",
    ],
    requires: [[...ATE, "pollen|vase|brushed|rubbed|sniffed|fur|face|nose|paws|paw|whiskers", "(flower water)"]],
    askedAbout: true,
  },
  {
    code: "TOXIN_PARACETAMOL",
    label: "Paracetamol (acetaminophen) is poisonous to cats even in tiny amounts and harmful to dogs.",
    level: "RED",
    species: { CAT: "RED", DOG: "ORANGE", FERRET: "RED" },
    otherSpecies: "ORANGE",
    match: [
      "paracetamol*|paracetemol*|paracetomol*|acetaminophen|acetaminophin|tylenol|panadol|calpol|cocodamol|lemsip|excedrin",
      "(co codamol)",
    ],
    requires: [[...ATE, ...GIVEN]],
    askedAbout: true,
  },
  {
    code: "TOXIN_NSAID",
    label:
      "Human painkillers such as ibuprofen, naproxen, aspirin and diclofenac can cause stomach ulcers and kidney failure in pets.",
    level: "ORANGE",
    species: { CAT: "RED" },
    match: [
      "ibuprofen|ibuprofin|iboprofen|ibrufen|advil|nurofen|motrin|naproxen|naproxin|aleve|aspirin|asprin|diclofenac|voltaren|voltarol",
      "human|my|our|mums|dads|the|some .. (painkiller*|pain killer|pain killers|pain meds|pain relief|anti inflammatory|anti inflammatories)",
    ],
    requires: [[...ATE, ...GIVEN]],
    askedAbout: true,
  },
  {
    code: "TOXIN_HUMAN_MEDICINE",
    label: "Human medicines can poison pets even in small doses.",
    level: "ORANGE",
    match: [
      "my|our|mums|dads|nans|grandmas|grannys|human|someones|kids|sons|daughters|husbands|wifes|partners .. pills|tablets|meds|medication*|medicine*|capsules|inhaler",
      "antidepressant*|adderall|ritalin|prozac|sertraline|xanax|diazepam|zopiclone",
      "(sleeping pill|sleeping pills|beta blocker|beta blockers|blood pressure|vitamin d|iron tablets)",
      "bottle|packet|pack|box|blister|tub|strip of .. pills|tablets|meds|capsules",
    ],
    requires: [ATE],
  },
  {
    code: "TOXIN_RODENTICIDE",
    label: "Rat and mouse poison stops blood clotting; signs can take days, so treatment must start now.",
    level: "ORANGE",
    match: [
      "rat|mouse|mice|rodent .. poison*|bait*|pellet*|block|blocks|killer",
      "rodenticide*|brodifacoum|bromadiolone|difenacoum|warfarin|decon",
      "(d con|bait station|bait stations|bait box)",
    ],
    requires: [ATE],
    askedAbout: true,
  },
  {
    code: "TOXIN_ANTIFREEZE",
    label: "Antifreeze (ethylene glycol) causes kidney failure within hours.",
    level: "RED",
    match: [
      "antifreeze|antifreez|coolant|screenwash|deicer",
      "(anti freeze|ethylene glycol|radiator fluid|screen wash|de icer)",
    ],
    requires: [[...ATE, "puddle|spill|spilt|spilled|leak|leaked|leaking"]],
    askedAbout: true,
  },
  {
    code: "TOXIN_METALDEHYDE",
    label: "Slug and snail bait (metaldehyde) causes seizures within an hour.",
    level: "RED",
    match: ["slug|slugs|snail|snails pellet*|bait*|killer|poison*", "metaldehyde|metaldahyde"],
    requires: [ATE],
    askedAbout: true,
  },
  {
    code: "TOXIN_PERMETHRIN",
    label: "Dog flea treatments with permethrin are poisonous to cats.",
    level: "RED",
    species: { CAT: "RED" },
    otherSpecies: null,
    match: [
      "permethrin|permethrine|pyrethroid*|pyrethrin*",
      "dog|dogs|canine|puppy .. flea|fleas|tick|spot|spoton|drops|treatment|collar|shampoo",
      "flea|spot|spoton|tick .. for|meant .. =dog|=dogs|canine",
    ],
    requires: [[...ATE, ...GIVEN, "twitch*|tremor*|shaking|drooling|seizure*|fitting"]],
    askedAbout: true,
  },
  {
    code: "TOXIN_GENERAL",
    label: "A suspected poisoning needs a vet straight away; bring the packet if you have it.",
    level: "ORANGE",
    match: [
      "(bleach|weedkiller|weed killer|pesticide*|insecticide*|fertili*|cannabis|marijuana|edibles|cocaine|drugs|batteries|battery|magnets|button battery)",
    ],
    requires: [ATE],
  },
  {
    code: "POISONED",
    label: "A suspected poisoning needs a vet straight away; bring the packet if you have it.",
    level: "ORANGE",
    match: ["poisoned|poisioned|=poisond"],
  },
  {
    code: "SNAKE_BITE",
    label: "Snake bites need a vet straight away; keep your pet calm and still.",
    level: "ORANGE",
    match: [
      "snake|snakes .. bite|bit|bitten|biting|struck",
      "snakebite*|=adder|=adders|viper|rattlesnake|rattler|copperhead|cottonmouth",
    ],
  },
];
