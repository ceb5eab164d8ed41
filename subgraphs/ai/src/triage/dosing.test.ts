import { asksForPrescriptionDosing } from "./dosing";

describe("asksForPrescriptionDosing", () => {
  it.each([
    "how many mg of carprofen can I give my dog",
    "can I double his apoquel dose",
    "what dose of metacam",
    "Metacam dosage for a 4kg cat?",
    "how often should I give gabapentin",
    "she missed her dose of vetmedin this morning, should I give two tonight?",
    "can I give my dog benadryl for itching",
    "how much ibuprofen is safe for a dog",
    "my cat weighs 4kg how many ml of metacam",
    "can I increase his prednisolone, he's still itchy",
    "how many times a day should he have his antibiotics",
    "is it ok to give him an extra tablet of tramadol",
    "can he have half a paracetamol",
    "whats the right dose of cbd oil for a 30 kg lab",
    "carprofin how much for 20kg dog",
  ])("true: %s", (question) => {
    expect(asksForPrescriptionDosing(question)).toBe(true);
  });

  it.each([
    "what is carprofen for",
    "my dog is on apoquel, is itching normal",
    "my dog is on 2 tablets of apoquel a day, is itching normal",
    "he takes 50 mg of carprofen, is panting a side effect?",
    "what are the side effects of prednisolone",
    "is metacam safe long term",
    "how much does apoquel cost",
    "how often should I feed my puppy",
    "how much food for a 10 kg dog",
    "how many treats a day is too many",
    "how often should I walk a husky",
    "my dog ate a whole packet of my ibuprofen",
  ])("false: %s", (question) => {
    expect(asksForPrescriptionDosing(question)).toBe(false);
  });
});
