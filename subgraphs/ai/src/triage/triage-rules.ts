// Every triage rule, as data. The rules live in files by kind; this list is the one the classifier reads.
import { type TriageRule } from "./triage-rule";
import { CARE_RULES, ROUTINE_RULES, URGENT_RULES } from "./triage-rules-care";
import { EMERGENCY_RULES } from "./triage-rules-emergency";
import { SPECIES_RULES } from "./triage-rules-species";
import { TOXIN_RULES } from "./triage-rules-toxins";

export type { Species, TriageLevel, TriageRule } from "./triage-rule";

export const TRIAGE_RULES: readonly TriageRule[] = [
  ...EMERGENCY_RULES,
  ...TOXIN_RULES,
  ...SPECIES_RULES,
  ...URGENT_RULES,
  ...ROUTINE_RULES,
  ...CARE_RULES,
];

// Words that name an animal, so "my cat ate a lily" is judged for a cat even when the question is
// asked from another pet's page. Breeds are the common ones owners use instead of "dog".
export const SPECIES_WORDS: Record<string, readonly string[]> = {
  DOG: [
    "dog|dogs|doggy|doggie|doggo|puppy|puppies|pup|pups|pupper|canine|bitch|labrador|spaniel|collie|terrier|poodle|pug|bulldog|frenchie|husky|beagle|dachshund|greyhound|whippet|staffy|staffie|chihuahua|cockapoo|cavapoo|labradoodle|retriever|rottweiler|shepherd|alsatian|boxer|schnauzer|shihtzu",
    "(shih tzu|german shepherd|golden retriever)",
  ],
  CAT: ["cat|cats|kitten|kittens|kitty|kitties|tomcat|moggy|moggie|feline"],
  RABBIT: ["rabbit|rabbits|bunny|bunnies|bunneh"],
  GUINEA_PIG: ["(guinea pig|guinea pigs|guineapig|guineapigs|cavy|cavies|piggy|piggies)"],
  HAMSTER: ["hamster|hamsters|gerbil|gerbils"],
  FERRET: ["ferret|ferrets"],
  BIRD: [
    "bird|birds|parrot|parrots|budgie|budgies|cockatiel|cockatiels|parakeet|canary|macaw|conure|lovebird|cockatoo",
    "(african grey)",
  ],
  REPTILE: ["reptile|lizard|gecko|tortoise|turtle|iguana|chameleon|python", "(bearded dragon|corn snake)"],
  FISH: ["fish|goldfish|betta|koi|guppy"],
  HORSE: ["horse|horses|pony|ponies|mare|gelding|stallion|foal|colt|filly"],
};
