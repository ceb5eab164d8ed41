// Rules that only make sense for one kind of animal: rabbits and guinea pigs that stop eating, colic
// in horses, birds that sit fluffed up, and eating problems whose urgency depends on the species.
import type { TriageRule } from "./triage-rule";

const NOT_EATING = [
  "(not eating|stopped eating|off his food|off her food|off food|off its food|refusing food|refusing to eat|refuses food|refuses to eat|will not eat|no appetite|lost appetite|lost his appetite|lost her appetite|not touched|not interested in food|hunger strike|anorexic|anorexia)",
  "(not|nothing) .. (eaten|eating|touched)",
  "(eaten|eating|eat|ate) (nothing|hardly anything|very little|barely anything)",
  "(hardly|barely) (eating|eaten|touched)",
];

export const SPECIES_RULES: TriageRule[] = [
  {
    code: "GI_STASIS",
    label: "A rabbit or guinea pig that stops eating or pooping can die within a day (gut stasis).",
    level: null,
    species: { RABBIT: "ORANGE", GUINEA_PIG: "ORANGE" },
    otherSpecies: null,
    match: [
      ...NOT_EATING,
      "(no poo|no poos|no poop|no poops|no droppings|no pellets|not pooping|not pooped|not pooed|no stools|tiny droppings|small droppings|smaller droppings|gut stasis|gi stasis|stasis|hunched)",
      "(not) .. (pooping|pooped|pooed|poo|poop|droppings)",
    ],
  },
  {
    code: "NOT_EATING_PROLONGED",
    label: "Not eating for a day or more needs a vet today.",
    level: "YELLOW",
    species: { RABBIT: "ORANGE", GUINEA_PIG: "ORANGE", HAMSTER: "ORANGE", CAT: "YELLOW", DOG: "YELLOW" },
    match: NOT_EATING,
    requires: [
      [
        "~(24|36|48|72) .. (h|hr|hrs|hour|hours)",
        "~(since yesterday|since last night|all day|whole day|full day|a day|one day|a whole day|over a day|for days|two days|three days|several days|few days|couple of days|day and a half)",
        "~# days",
      ],
    ],
  },
  {
    code: "NOT_EATING",
    label: "A pet off its food for less than a day can usually be watched; book a visit if it goes on.",
    level: "GREEN",
    species: { RABBIT: null, GUINEA_PIG: null },
    match: NOT_EATING,
  },
  {
    code: "COLIC",
    label: "Colic in a horse needs a vet within minutes; remove food and walk the horse if it is safe to.",
    level: "ORANGE",
    species: { HORSE: "ORANGE", DOG: "YELLOW", CAT: "YELLOW" },
    match: ["colic|colicky|colicing|colicking|collic|collicky|collicking|colics"],
  },
  {
    code: "COLIC_SIGNS",
    label: "Rolling, pawing or looking at the belly are colic signs: a horse needs a vet within minutes.",
    level: null,
    species: { HORSE: "ORANGE" },
    otherSpecies: null,
    match: [
      "(pawing|pawing at the ground|kicking at|biting at|looking at|looks at|look at|nipping at|turning to look at|staring at) .. (belly|stomach|flank|flanks|sides|side|tummy|ground)",
      "(lying down and getting up|getting up and down|up and down|lies down and gets up|keeps lying down|lying down a lot|keeps going down)",
      "(rolling|keeps rolling|trying to roll|going down|no gut sounds|no droppings|no dung)",
      "(not) .. (passed|done|pooped|produced) .. (droppings|dung|poo|manure)",
    ],
    unless: ["roll|rolls|rolling|rolled .. (mud|dust|sand|grass|field|paddock|puddle)"],
  },
  {
    code: "COLIC_SEVERE",
    label: "Violent colic is life-threatening: call the vet now and keep clear of the horse's legs.",
    level: "RED",
    species: { HORSE: "RED" },
    otherSpecies: null,
    match: [
      "(violent|violently|thrashing|throwing himself|throwing herself|will not get up|can not get up|cast|sweating|drenched in sweat|pouring sweat)",
    ],
    requires: [["colic*|collick*|collicky|rolling|rolled|roll|pawing|kicking|belly|stomach|gut"]],
  },
  {
    code: "BIRD_UNWELL",
    label: "A bird sitting fluffed up or on the cage floor is seriously ill: birds hide illness until late.",
    level: null,
    species: { BIRD: "ORANGE" },
    otherSpecies: null,
    match: [
      "(fluffed up|fluffed out|puffed up|all fluffed|sitting fluffed|tail bobbing|tail bob|bobbing his tail|bobbing her tail|bobbing its tail)",
      "(bottom|floor) of .. cage",
      "(on the floor|on the bottom|can not perch|cannot perch|fell off .. perch|off the perch)",
    ],
  },
  {
    code: "BIRD_FUMES",
    label: "Fumes from non-stick pans, aerosols or smoke can kill a bird within minutes: move it to fresh air.",
    level: null,
    species: { BIRD: "RED" },
    otherSpecies: null,
    match: [
      "(teflon|ptfe|non stick|nonstick|burnt pan|burned pan|aerosol|air freshener|smoke|fumes|self cleaning oven)",
    ],
    requires: [
      ["burnt|burned|burning|overheated|filled|smoky|wobbly|gasping|fell|breathing|collapsed|sprayed|breathed"],
    ],
  },
];
