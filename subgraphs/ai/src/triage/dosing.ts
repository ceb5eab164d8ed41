// Questions that ask how much of a medicine to give, how often, or whether to change a dose. The
// assistant does not answer these: doses depend on weight, kidneys, liver and the other drugs the
// pet takes, so only the prescribing vet sets them.
import { anyAffirmed, phrases, tokenise } from "./triage-match";

// Any medicine: vet and human drug names owners use, and the generic words.
const MEDICINE = phrases([
  "medicine*|medication*|meds|med|pill|pills|tablet|tablets|tabs|capsule*|drug|drugs|dose|doses|dosage|dosing|antibiotic*|painkiller*|steroid*|antihistamine*|sedative*|wormer|dewormer|insulin|syrup|injection*",
  "(pain killer|pain killers|pain relief|pain meds|anti inflammatory|anti inflammatories|flea treatment)",
  "carprofen|rimadyl|rimadyll|carprieve|metacam|meloxicam|loxicom|onsior|robenacoxib|previcox|firocoxib|galliprant|grapiprant|librela|solensia|cytopoint|apoquel|oclacitinib",
  "gabapentin|gabapentine|tramadol|buprenorphine|vetergesic|amantadine|trazodone|fluoxetine|reconcile|clomipramine|clomicalm|alprazolam|diazepam|acepromazine|sileo|zylkene",
  "prednisolone|prednisone|pred|dexamethasone|amoxicillin|amoxicilin|amoxi|clavamox|synulox|augmentin|metronidazole|flagyl|cephalexin|cefalexin|doxycycline|enrofloxacin|baytril|clindamycin|antirobe|convenia",
  "vetmedin|pimobendan|furosemide|frusemide|enalapril|benazepril|fortekor|spironolactone|caninsulin|vetsulin|prozinc|levothyroxine|thyroxine|soloxine|methimazole|felimazole|thiamazole|vidalta|carbimazole",
  "phenobarbital|phenobarbitone|epiphen|keppra|levetiracetam|potassium bromide|cerenia|maropitant|ondansetron|omeprazole|famotidine|pepcid|sucralfate|lactulose|metoclopramide|loperamide|imodium",
  "benadryl|diphenhydramine|cetirizine|zyrtec|loratadine|claritin|piriton|chlorphenamine|piriteze|melatonin|cbd|aspirin|ibuprofen|paracetamol|acetaminophen|tylenol|naproxen|calpol|nurofen|advil",
]);

// How much, how often, or a change to the dose.
const ASKS_AMOUNT = phrases([
  "(how much|how many|what dose|what dosage|which dose|right dose|correct dose|safe dose|max dose|maximum dose|usual dose|normal dose|what amount|what strength|which strength)",
  "(how often|how frequently|how many times|times a day|times per day|times daily|every how many|how long between|how soon|how close together)",
  "(mg per|mg kg|mg a kg|per kg|per kilo|per pound|per lb|dose for|dosage for|dose would|dose should|dose is safe)",
  "(double|doubling|doubled|triple|increase|increasing|up|raise|lower|lowering|reduce|reducing|decrease|halve|halving|cut|split|skip|skipping|missed|miss|extra|another|stop|stopping|top up|more) .. (dose|doses|dosage|tablet|tablets|pill|pills|meds|medication|medicine)",
  "(can i|could i|should i|may i|is it ok to|is it okay to|is it safe to|safe to|ok to|okay to|alright to|allowed to|do i|how do i|when do i|when should i|when can i) .. (give|giving|use|administer|dose|up|increase|double|split|repeat|stop)",
  "(can he|can she|can it|can they|can my dog|can my cat|can my puppy|can my kitten|could he|could she|should he|should she) .. (have|take|get|be given)",
  "(give|giving) .. (him|her|them|it|my dog|my cat|my puppy|my kitten|my pet) .. (another|extra|more|some|half|a|an|one|two|#)",
]);

// Asking about the medicine, not about giving it.
const NOT_DOSING = phrases([
  "(cost|costs|price|prices|expensive|cheaper|cheapest|insurance|prescription fee|where to buy|where can i buy|generic)",
]);

/** True when the owner asks how much or how often to give a medicine, or whether to change a dose. */
export function asksForPrescriptionDosing(question: string): boolean {
  const tokens = tokenise(question);
  return anyAffirmed(MEDICINE, tokens) && anyAffirmed(ASKS_AMOUNT, tokens) && !anyAffirmed(NOT_DOSING, tokens);
}
