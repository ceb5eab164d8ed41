// Problems for a vet today (YELLOW), ones to book if they persist (GREEN), and general care topics
// (BLUE). BLUE findings only name the topic; a question that matches nothing is BLUE too.
import type { TriageRule } from "./triage-rule";

const VOMIT =
  "(vomit*|vommit*|vomm*|throw up|throwing up|threw up|throws up|thrown up|puke*|puking|been sick|being sick|is sick|was sick|sick up|sicked up|bringing up food)";

export const URGENT_RULES: TriageRule[] = [
  {
    code: "VOMITING_REPEATED",
    label: "Vomiting again and again needs a vet today.",
    level: "YELLOW",
    match: [VOMIT],
    requires: [
      [
        "(several|multiple|many|repeatedly|repeated|constantly|non stop|keeps|kept|again and again|all day|all night|since yesterday|since this morning|over and over|every hour|cant keep|can not keep|not keep|loads of times|lots of times|few times|couple of times)",
        "(#|two|three|four|five|six|seven|eight|ten) (times|x)",
        "x (#|two|three|four|five)",
        "(twice|thrice) .. (today|hour|hours|morning|night)",
      ],
    ],
  },
  {
    code: "BLOODY_DIARRHOEA",
    label: "Diarrhoea with blood needs a vet today.",
    level: "YELLOW",
    match: [
      "(diarr*|diarh*|diahr*|dirrh*|runs|squits|poo|poop|poos|poops|stool|stools|faeces|feces|motion*) .. (blood|bloody|red|black|tarry|jelly)",
      "(bloody|black|tarry|red) .. (diarr*|diarh*|diahr*|poo|poop|stool|stools|faeces|feces)",
      "(blood) .. (in|on) .. (poo|poop|stool|stools|faeces|feces|diarr*)",
    ],
  },
  {
    code: "BLOOD_IN_URINE",
    label: "Blood in the urine needs a vet today.",
    level: "YELLOW",
    match: [
      "(blood|bloody|red|pink|brown) .. (urine|pee|wee|piss|peeing|weeing)",
      "(urine|pee|wee|peeing|weeing|urinating) .. (blood|bloody|red|pink)",
    ],
  },
  {
    code: "EYE_INJURY",
    label: "Eye injuries can get worse quickly: see a vet today.",
    level: "YELLOW",
    match: [
      "eye|eyes|eyeball|cornea .. (injur*|hurt|scratch*|cut|swollen|swelling|bleeding|cloudy|ulcer*|poked|clawed|squint*|closed|shut|bulging|red and|bloodshot)",
      "(scratched|injured|hurt|poked|clawed|cut|swollen|cloudy) .. (eye|eyes|eyeball|cornea)",
      "(can not open|cannot open|will not open|keeps closed|keeping closed|squinting|squints)",
    ],
  },
  {
    code: "NOT_WEIGHT_BEARING",
    label: "A leg that takes no weight needs a vet today.",
    level: "YELLOW",
    match: [
      "(not weight bearing|non weight bearing|no weight|holding .. leg up|holding .. paw up|hopping on three|on three legs|carrying .. leg|carrying .. paw|carrying it|holding it up|holding it off)",
      "(will not|not|can not|cannot|refuses to|refusing to|unable to) (put|putting|bear|bearing|take|taking) .. weight",
      "(will not|can not|cannot|not) (use|walk on|stand on|touch .. ground) .. (leg|legs|paw|foot)",
    ],
  },
  {
    code: "FOREIGN_OBJECT",
    label: "A swallowed object can block the gut: ask a vet today.",
    level: "YELLOW",
    match: [
      "(swallowed|ate|eaten|swallow|swallowing) .. (corn on the cob|corn cob|corncob|cob|cobs|sock|socks|stone|stones|pebble*|toy|ball|bone|bones|underwear|knickers|hair tie|hairband|bobble|plastic|lego|rubber|sponge|cloth|peach stone|plum stone|cherry stone|conker*|acorn*|avocado)",
    ],
  },
  {
    code: "WOUND",
    // A nail cut to the quick bleeds and stops: SKIN_EARS reports it as routine.
    unless: ["(nail|nails|claw|claws|quick|dew claw|dewclaw)"],
    label: "Wounds and bites can get infected: see a vet today.",
    level: "YELLOW",
    match: [
      "(wound|wounds|gash|gashes|laceration*|deep cut|cut open|torn|ripped|puncture*|abscess*|bite wound|bite mark|bite marks|stitches|sutures|bleeding|bleed|bleeds|hole in|big hole|deep hole|gaping)",
      "(bitten|bit|nipped) by .. (dog|dogs|fox|cat|another|other|rat|ferret|squirrel)",
      "(cut) .. (leg|paw|pad|ear|face|side)",
    ],
  },
  {
    code: "ALLERGIC_REACTION",
    label: "A swollen face or hives can be an allergic reaction: see a vet today, now if breathing changes.",
    level: "YELLOW",
    match: [
      "(face|muzzle|lips|eyes|head|snout|lip) .. (swollen|swelling|swelled|puffy|puffed up|blown up)",
      "(swollen|swelling|puffy) .. (face|muzzle|lips|snout|lip)",
      "(hives|stung|sting|wasp|bee sting|bees|wasps|allergic reaction)",
    ],
  },
  {
    code: "LETHARGY",
    label: "A pet that is suddenly very flat or weak needs a vet today.",
    level: "YELLOW",
    match: [
      "(lethargic|lethargy|listless|very weak|really weak|so weak|weak and|no energy|very quiet|not himself|not herself|depressed and|wobbly|staggering|stumbling|disorientated|disoriented|confused|head tilt|circling|yellow gums|yellow eyes|jaundice*)",
    ],
  },
  {
    code: "PAIN",
    label: "A pet crying in pain needs a vet today.",
    level: "YELLOW",
    match: ["(crying in pain|screaming|yelping|yelps|whimpering|in pain|in agony|painful|hunched up)"],
  },
];

export const ROUTINE_RULES: TriageRule[] = [
  {
    code: "VOMITING",
    label: "A single vomit with a bright pet can be watched; book a visit if it happens again.",
    level: "GREEN",
    match: [VOMIT],
  },
  {
    code: "DIARRHOEA",
    label: "Mild diarrhoea in a bright pet can be watched; book a visit if it lasts over a day.",
    level: "GREEN",
    match: [
      "(diarr*|diarh*|diahr*|dirrh*|loose stool*|loose poo*|runny poo*|soft poo*|soft stool*|the runs|squits|upset stomach|upset tummy|dodgy tummy|constipat*)",
    ],
  },
  {
    code: "LIMPING",
    label: "A limp on a leg that still takes weight can be rested; book a visit if it lasts.",
    level: "GREEN",
    match: ["(limp|limping|limps|limped|lame|lameness|stiff|stiffness|favouring|favoring|sore leg|sore paw)"],
  },
  {
    code: "SKIN_EARS",
    label: "Itching, ear, skin, paw and nail problems are worth a visit if they persist.",
    level: "GREEN",
    match: [
      "(itch*|itchy|scratch*|scraching|scrathing|licking .. paws|chewing .. paws|hot spot*|rash|scabs|scabby|flaky|dandruff|hair loss|bald patch*|bald spot*|fur loss|losing fur|red skin|dry skin|spots|pimples)",
      "(ear|ears) .. (infection|smell*|scratch*|shaking|dirty|wax|waxy|red|discharge|mites|gunk)",
      "(smelly|smells|stinky|itchy|dirty|waxy|sore|infected|scratching|scratches) .. (ear|ears)",
      "(fur|hair|coat) .. (thinning|thin|falling out|coming out|patchy|bald|missing)",
      "(dry|cracked|cracking|peeling|crusty|rough) .. (pads|pad|paws|paw|nose)",
      "(pads|pad|paws|nose) .. (dry|cracked|cracking|peeling|crusty)",
      "(nail|nails|claw|claws|quick|dew claw|dewclaw) .. (bleeding|bled|blood|torn|broken|split)",
      "(bleeding|bled|blood|torn|broken|split|cut) .. (nail|nails|claw|claws|quick|dew claw|dewclaw)",
      "(shaking|shakes|shook|shake) .. head",
      "(head shaking|head shake*|ear mites|fleas|tick|ticks|mites|worms|worm)",
    ],
  },
  {
    code: "COUGH_SNEEZE",
    label: "An occasional cough or sneeze in a bright pet is worth a visit if it persists.",
    level: "GREEN",
    match: [
      "(cough*|kennel cough|honk*|sneez*|sneeze*|reverse sneez*|runny nose|snotty|nasal discharge|snuffly|snuffles|hairball*|hair ball*|gagging)",
    ],
  },
  {
    code: "MOUTH_LUMPS_MISC",
    label: "Bad breath, lumps and gradual changes are worth a booked visit.",
    level: "GREEN",
    match: [
      "breath .. (stinks|smells|smelly|stinky|awful|terrible|bad|foul|rank|reeks)",
      "(bad breath|smelly breath|stinky breath|tartar|plaque|broken tooth|loose tooth|rotten teeth|bad teeth|wobbly tooth|gums red|red gums|drooling|dribbling)",
      "(lump|lumps|bump|bumps|cyst|wart|growth|swelling|mass)",
      "(licking|licks|licked|biting|chewing|nibbling) .. (bum|bottom|butt|rear|back end|privates|private parts)",
      "(drinking more|drinking a lot|drinks a lot|thirsty|peeing more|weeing more|peeing a lot|accidents|weight loss|losing weight|weight gain|gaining weight|scooting|anal gland*|dragging .. bum|dragging .. bottom|watery eye*|runny eye*|tear stain*|eye discharge|goopy eye*|gunky eye*|sticky eye*)",
    ],
  },
];

export const CARE_RULES: TriageRule[] = [
  {
    code: "CARE_DIET",
    label: "General diet question.",
    level: "BLUE",
    match: [
      "(diet|food|feed|feeding|treat|treats|kibble|raw|grain free|portion*|calories|weight|fussy|picky|snack*|fruit|vegetable*|veg|safe to eat|can .. eat|can .. have)",
    ],
  },
  {
    code: "CARE_VACCINES",
    label: "Vaccination and parasite prevention question.",
    level: "BLUE",
    match: [
      "(vaccin*|vacin*|vacc*|jab|jabs|booster*|shots|rabies|parvo|distemper|lepto|myxo*|rhd|worming|wormer|dewormer|deworming|flea treatment|flea prevention|heartworm)",
    ],
  },
  {
    code: "CARE_GROOMING",
    label: "Grooming and hygiene question.",
    level: "BLUE",
    match: [
      "(groom*|brush*|bath|bathe|bathing|wash|shampoo|nails|nail|claws|clip*|trim*|shedding|moulting|molting|matted|haircut|teeth cleaning|brushing teeth)",
    ],
  },
  {
    code: "CARE_TRAVEL",
    label: "Travel question.",
    level: "BLUE",
    match: [
      "(travel*|trip|holiday|vacation|flight|fly|flying|plane|car journey|road trip|passport|abroad|ferry|hotel|kennels|cattery|pet sitter|boarding|moving house|crate|carrier)",
    ],
  },
  {
    code: "CARE_BEHAVIOUR",
    label: "Training, behaviour and everyday care question.",
    level: "BLUE",
    match: [
      "(train*|behaviour|behavior|barking|biting|chewing furniture|toilet training|potty|house training|litter training|socialis*|socializ*|exercise|walks|walk|toys|neuter*|spay*|castrat*|insurance|microchip*|adopt*|breed|breeds|lifespan|sleep*|enrichment)",
    ],
  },
];
