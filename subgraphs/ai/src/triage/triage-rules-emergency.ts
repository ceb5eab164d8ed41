// Signs that need a vet now (RED) or within minutes (ORANGE), whatever caused them.
import type { TriageRule } from "./triage-rule";

const URINARY_BLOCK = [
  "(can not|cannot|unable to|not able to|struggling to|straining to|strains to|strain to|trying to|not) (pee|wee|urinate|urinating|peeing|weeing)",
  "(straining|strains|strained|squatting|squats|crouching|crying|in and out|keeps going|going back) .. (in|at|on|of|to|into) .. (litter|litterbox|tray)",
  "(straining|squatting|crouching) .. (nothing|no|only|drops|little|tiny) .. (pee|wee|urine|coming|comes)",
  "(blocked|blockage|obstruct*|no urine|no pee|no wee|not passing urine|not peed|not weed|not urinated)",
  "(urinary blockage|blocked bladder|blocked cat|blocked tom|blocked urethra|urethral)",
];

// Drops of urine: a cat may be blocked; a dog more often has cystitis.
const URINARY_DRIBBLE = [
  "(pee|wee|peeing|weeing|urinating|peed|weed|passing) .. (drops|dribbles|dribbling|tiny amounts|small amounts|tiny bits|little bits|a few drops|a drop)",
  "(only|just) .. (drops|a few drops|a drop|dribbles|a dribble) (come|comes|coming) out",
];

export const EMERGENCY_RULES: TriageRule[] = [
  {
    code: "BREATHING",
    label: "Difficulty breathing is an emergency.",
    level: "RED",
    match: [
      "(not breathing|stopped breathing|can not breathe|can not breath|cannot breathe|struggling to breathe|struggling to breath|struggling for breath|trouble breathing|difficulty breathing|difficult breathing|hard to breathe|laboured|labored|gasping|gasps|choking|choked)",
      "breathing|breathin|breath|breathe .. (weird|strange|funny|fast|rapid|rapidly|heavy|heavily|hard|noisy|shallow|struggling|laboured|labored|wheez*|raspy|rattly|effort)",
      "(fast|rapid|heavy|laboured|labored|noisy|shallow|struggling|weird|strange) .. breathing|breaths|breath",
      "(blue|purple|grey|gray|bluish|blueish) (gums|tongue|lips)",
      "gums|tongue|lips (are|look|is|looks|turned|turning|gone|went|going) (blue|purple|grey|gray|bluish|blueish)",
      "(stuck in) .. throat|windpipe",
      "(open mouth|open mouthed|mouth open) .. breath*|panting",
      "breathing|breathes|breath|panting|pants .. mouth .. open",
      "(struggling|trouble|hard|fighting|battling|gulping) .. (to breathe|to breath|for air|for breath|air|get air|get air in|catch his breath|catch her breath)",
      "(belly|stomach|tummy|chest|sides|flanks) .. (going in and out|heaving|pumping|sucking in)",
    ],
  },
  {
    code: "CAT_PANTING",
    label: "A cat panting or breathing with its mouth open needs a vet now.",
    level: null,
    species: { CAT: "RED", RABBIT: "RED", GUINEA_PIG: "RED" },
    otherSpecies: null,
    match: ["panting|panted|pant"],
  },
  {
    code: "COLLAPSE",
    label: "Collapse or unconsciousness is an emergency.",
    level: "RED",
    match: [
      "(collaps*|colapse*|colapsed|unconscious|unconcious|unconsious|unresponsive|unresponsiv|fainted|fainting|passed out|keeled over|blacked out)",
      "(will not|wont|can not|cannot) .. (wake|wake up|come round|respond)",
      "(not responding|no response|lifeless|gone floppy|is floppy|all floppy|limp and floppy)",
      "(not moving) .. (at all|breathing|responding)",
    ],
  },
  {
    code: "SEIZURE",
    label: "A seizure needs a vet now, even if it has stopped.",
    level: "ORANGE",
    match: [
      "seizure*|seizing|siezure*|seisure*|siezing|convuls*",
      "(had|having|has|have|keeps having|been having) .. (fit|fits)",
      "(having a fit|had a fit|having fits|had fits|has fits|having a seizure|another fit|a fitting|fitting and|shaking and paddling|paddling his legs|paddling her legs|paddling legs)",
      "(is|was|been|keeps|started|still|he is|she is) fitting",
      "(foaming at the mouth|frothing at the mouth)",
      "(tremors|tremoring|trembling uncontrollably|shaking uncontrollably|twitching uncontrollably|muscle twitching)",
    ],
  },
  {
    code: "SEIZURE_CLUSTER",
    label: "A seizure lasting over five minutes, or one after another, is life-threatening.",
    level: "RED",
    match: [
      "seizure*|seizing|siezure*|fitting|fits|convuls* .. (five minutes|5 minutes|5 mins|ten minutes|10 minutes|won t stop|will not stop|not stopping|not stopped|keep coming|back to back|one after another|in a row|again|another|still)",
      "(another|second|third|several|multiple|more|two|three|#) .. seizures|fits|seizure",
      "(back to back|one after another|one after the other|in a row|cluster|clusters|keep coming|keeps coming)",
      "seizure|seizures|fit|fits after|upon .. seizure|seizures|fit|fits",
      "(still) .. seizing|fitting|convulsing",
      "(for|over|going|lasting|lasted|been|than|longer than) (# minutes|# mins|five minutes|ten minutes|a few minutes|several minutes)",
    ],
    requires: [["seizure*|seizing|siezure*|seisure*|fitting|fits|fit|convuls*|epileptic"]],
  },
  {
    code: "BLOAT",
    label: "A swollen belly with retching can be a twisted stomach, which kills within hours.",
    level: "RED",
    species: { CAT: "ORANGE", HORSE: "ORANGE" },
    match: [
      "(bloat|bloated|bloating|gdv|twisted stomach|stomach twisted|twisted gut|gastric torsion)",
      "(swollen|distended|distend*|swelled|hard|tight|huge|enlarged) .. (belly|stomach|tummy|abdomen|abdomin*|gut)",
      "(belly|stomach|tummy|abdomen|gut) .. (swollen|distended|bloated|swelled|hard|tight|blown up|huge|massive|enormous|big)",
    ],
  },
  {
    code: "UNPRODUCTIVE_RETCHING",
    label: "Trying to vomit with nothing coming up can be a twisted stomach in dogs.",
    level: "RED",
    species: { DOG: "RED", CAT: "YELLOW" },
    otherSpecies: "ORANGE",
    match: [
      "retch*|wretch*|heaving|gagg* .. nothing|without|empty",
      // A gap never crosses "but", so the usual "retching but nothing comes up" is spelt out.
      "retch*|wretch*|heaving|gagg*|(trying to vomit|trying to be sick) (but|and) .. nothing|no",
      "(dry heav*|dry retch*|unproductive|non productive|nonproductive) .. retch*|wretch*|vomit*",
      "(dry heaving|dry heave|dry heaves|dry retching)",
      "(keeps trying to|keep trying to|trying to|tries to|attempting to) (be sick|vomit|throw up|puke)",
      "(trying to|tries to|wants to|keeps trying to) (vomit|be sick|throw up|puke|sick) .. (nothing|nothing comes|but can not|but cannot|but not)",
    ],
  },
  {
    code: "URINARY_BLOCK",
    label: "Not being able to pass urine is an emergency.",
    level: "ORANGE",
    match: URINARY_BLOCK,
  },
  {
    code: "URINARY_DRIBBLE",
    label: "A cat passing only drops of urine may be blocked.",
    level: "YELLOW",
    species: { CAT: "ORANGE" },
    match: URINARY_DRIBBLE,
  },
  {
    code: "URINARY_BLOCK_MALE_CAT",
    label: "A male cat straining to pee may be blocked, which can kill within a day.",
    level: null,
    species: { CAT: "RED" },
    otherSpecies: null,
    match: [...URINARY_BLOCK, ...URINARY_DRIBBLE],
    requires: [["he|him|his|male|tom|tomcat|boy|neutered"]],
  },
  {
    code: "HEAVY_BLEEDING",
    label: "Heavy or non-stop bleeding is an emergency: press a clean cloth on the wound on the way.",
    level: "RED",
    match: [
      "bleeding|bleed|bleeds|bleading|blood .. (heavily|heavy|a lot|alot|lots|loads|everywhere|pouring|gushing|spurting|pumping|non stop|wont stop|will not stop|not stopping|not stop|profusely|badly)",
      "(pouring|gushing|spurting|pumping|losing) .. (blood)",
      "(lots of|loads of|so much|pool of|a lot of|alot of) blood",
      "(haemorrhag*|hemorrhag*|hemmorhag*)",
    ],
  },
  {
    code: "TRAUMA_VEHICLE",
    label: "A pet hit by a car needs a vet now even if it looks fine: injuries inside show late.",
    level: "RED",
    match: [
      "(hit|struck|knocked|clipped|run over|ran over|rolled over) .. (car|cars|van|truck|lorry|vehicle|bike|motorbike|bus|tractor)",
      "(car|van|truck|lorry|vehicle|bus) .. (hit|ran|run|struck|knocked|clipped)",
      "(run over|ran over|rta|road accident|road traffic accident)",
    ],
  },
  {
    code: "TRAUMA",
    label: "Falls and fights can cause injuries inside that show late: see a vet now.",
    level: "ORANGE",
    match: [
      "(fell|fallen|fall|falling|jumped|tumbled) .. (from|out of|off|down) .. (window|balcony|roof|height|storey|story|ledge|bridge|cliff)",
      "(dog fight|dogfight|dog fights|fight with|fighting with|got into a fight|in a fight)",
      "(attacked|mauled|savaged|grabbed|shaken|ragged) by .. (dog|dogs|fox|badger|cat|coyote|another|other|bigger|pitbull|staffy)",
      "(scrap|scuffle|tussle|brawl|fight|scrapping|fighting) with .. (dog|dogs|fox|badger|cat|coyote|another|other|bigger|husky|pitbull|staffy|neighbours)",
      "(kicked by|kicked in|trampled|crushed|been shot|was shot|got shot|stabbed|impaled)",
      "(broken|broke|fractured|fracture|snapped|dislocated) .. (leg|legs|bone|hip|pelvis|spine|jaw|tail|paw)",
    ],
  },
  {
    code: "HEATSTROKE",
    label: "Heatstroke is an emergency: cool with room-temperature water on the way to the vet.",
    level: "RED",
    match: [
      "(heatstroke|heat stroke|heat stoke|heatstoke|overheated|overheating|over heated|over heating|heat exhaustion|hyperthermia)",
      "(hot car|hot van)",
      "(in the car|in a car|in the van) .. (hot|heat|sun|sunny)",
      "(too hot|very hot|in the heat|in the sun|hot day|heatwave|heat wave) .. (collaps*|panting heavily|can not stop panting|won t stop panting|will not stop panting|wobbly|drooling|confused|vomiting)",
    ],
  },
  {
    code: "DIFFICULT_BIRTH",
    label: "Straining in labour without a birth needs a vet now.",
    level: "ORANGE",
    match: [
      "(straining|pushing|contractions) .. (no|without|but no|not) (puppy|puppies|kitten|kittens|foal|pup|pups|babies|baby|kits)",
      "(labour|labor|whelping|kittening|foaling|contractions|pushing|straining) .. (for|over|than) .. (hour|hours|hrs|an hour)",
      "(stuck in the birth canal|half out|partly out|halfway out|head out|legs out|feet out|hanging out of her)",
      "(dystocia|stuck in the birth canal|green discharge|black discharge)",
    ],
  },
  {
    code: "SPINAL",
    label: "Sudden weakness or paralysis of the legs needs a vet now.",
    level: "ORANGE",
    match: [
      "(paralysed|paralyzed|paralysis|paralized|paralised|dragging) .. (legs|back|hind|rear|back end)",
      "(can not|cannot|unable to|not) (use|move|feel|stand on) .. (back|hind|rear|legs)",
      "(paralysed|paralyzed|paralysis|paralised)",
      "(back legs|hind legs|rear legs|back end) .. (went|gone|gave way|giving way|collapsed|stopped working|not working|useless|wobbly and)",
      "(dragging) .. (them|his back end|her back end|himself|herself)",
    ],
  },
  {
    code: "UNABLE_TO_STAND",
    label: "A pet that suddenly cannot stand or walk needs a vet now.",
    level: "ORANGE",
    match: [
      "(can not|cannot|unable to|will not|not able to) (stand|stand up|get up)",
      "(can not|cannot|unable to|not able to) (walk|move)",
    ],
    unless: ["walk|stand|move on .. (leg|legs|paw|foot)", "(get up|stand up) .. (stairs|sofa|bed|couch)"],
  },
  {
    code: "FOREIGN_BODY",
    label: "A swallowed battery, magnet, needle, fish hook or string can cause serious damage inside.",
    level: "ORANGE",
    match: [
      "(swallowed|ate|eaten|swallow|swallowing) .. (battery|batteries|magnet|magnets|needle|hook|fish hook|fishhook|string|thread|tinsel|ribbon|elastic band|razor|glass|skewer|kebab stick)",
    ],
  },
  {
    code: "VOMITING_BLOOD",
    label: "Vomiting or coughing up blood needs a vet now.",
    level: "ORANGE",
    match: [
      "(vomit*|vommit*|throwing up|threw up|throws up|puking|puked|coughing up|coughed up|coughing|sicked up|been sick) .. (blood|bloody)",
      "(blood|bloody) .. (vomit*|sick|puke)",
    ],
  },
  {
    code: "VOMITING_BLOOD_LATER",
    label: "Vomiting or coughing up blood needs a vet now.",
    level: "ORANGE",
    match: [
      "(blood in it|blood in there|blood mixed in|streaks of blood|streaked with blood|flecks of blood|bits of blood)",
    ],
    requires: [["vomit*|vommit*|(throwing up|threw up|thrown up|been sick|being sick|sick up)|puke*|puking"]],
  },
  {
    code: "ANAPHYLAXIS",
    label: "A swelling face with breathing trouble, vomiting or weakness can be a severe allergic reaction.",
    level: "RED",
    match: [
      "(face|muzzle|lips|eyes|head|snout|lip|throat|tongue) .. (swollen|swelling|swelled|puffy|puffed up|blown up)",
      "(swollen|swelling|puffy) .. (face|muzzle|lips|snout|lip|throat|tongue)",
      "(hives|stung|sting|bee sting|wasp sting|allergic reaction|anaphyla*)",
    ],
    requires: [
      ["wheez*|gasp*|breath*|breathing|collaps*|pale|vomit*|(can not breathe|struggling|fainted|wobbly|weak)"],
    ],
  },
  {
    code: "HYPOTHERMIA",
    label: "A pet that is cold to the touch and limp or weak needs a vet now: wrap it and keep it warm on the way.",
    level: "RED",
    match: [
      "(feels cold|feel cold|cold to touch|cold to the touch|ice cold|stone cold|body is cold|is freezing cold|cold and)",
    ],
    requires: [
      [
        "(not moving|stopped moving|limp|floppy|weak|unresponsive|lifeless|not responding|will not wake|shivering|lethargic|can not|cannot|crying|legs|back legs|gums)",
      ],
    ],
  },
  {
    code: "PALE_GUMS",
    label: "Pale or white gums can mean blood loss or shock.",
    level: "ORANGE",
    match: ["(pale|white|very pale) (gums)", "gums .. (pale|white)"],
  },
  {
    code: "EYE_PROPTOSIS",
    label: "An eye out of its socket needs a vet now: keep it moist on the way.",
    level: "ORANGE",
    match: [
      "(eye|eyeball|eyes) .. (popped out|popped|come out|came out|hanging out|bulging out|prolapsed|out of the socket|out of its socket|out of socket)",
    ],
  },
  {
    code: "ELECTRIC_BURN",
    label: "Electric shocks, burns and near-drowning need a vet now.",
    level: "ORANGE",
    match: [
      "(electrocuted|electric shock)",
      "(chewed|bit|bitten|chewing) .. (live wire|electric cable|electrical cable|electric cord|power cord|power cable|plugged in)",
      "(burned|burnt|scalded|scald|burns) .. (boiling|hot water|fire|chemical|acid|badly|face|paws|back)",
      "(nearly drowned|near drowning|almost drowned|half drowned)",
    ],
  },
];
