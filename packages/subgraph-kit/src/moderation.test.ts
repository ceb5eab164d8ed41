import { abuseReasons, luhnValid, maskSecrets, moderate } from "./moderation";

describe("moderation", () => {
  it("recognises card numbers by their Luhn checksum", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
  });

  it("masks card numbers however they are grouped, keeping the last four digits", () => {
    expect(maskSecrets("my card is 4111 1111 1111 1111, thanks").text).toBe(
      "my card is [card number ending 1111], thanks",
    );
    expect(maskSecrets("5500-0000-0000-0004").text).toBe("[card number ending 0004]");
  });

  it("masks IBANs whose checksum holds, written in groups or in one run", () => {
    expect(maskSecrets("IBAN DE89 3704 0044 0532 0130 00 please").text).toBe("IBAN [bank account ending 3000] please");
    expect(maskSecrets("to gb82west12345698765432.").text).toBe("to [bank account ending 5432].");
  });

  it("masks security codes, PINs and passwords given by name", () => {
    expect(maskSecrets("CVV 123").text).toBe("CVV [hidden]");
    expect(maskSecrets("the pin: 4821, ok?").text).toBe("the pin: [hidden], ok?");
    expect(maskSecrets("my password is hunter2").text).toBe("my password is [hidden]");
    expect(maskSecrets("Passwort: Bello!Rex").text).toBe("Passwort: [hidden]");
  });

  it("leaves other numbers and words alone: phone numbers, microchips, dates, codes that fail the checksum", () => {
    for (const text of [
      "call +49 30 1234567",
      "chip 276098106123456",
      "on 2026-03-29 at 10:00",
      "4111111111111112",
      "batch DE12 ABCD EFGH 1234",
      "the pin in his leg is loose",
      "I forgot my password again",
      "the pin is loose",
      "my password is wrong",
    ]) {
      expect(maskSecrets(text)).toEqual({ text, masked: false });
    }
  });

  it("flags insults and profanity as words, also disguised", () => {
    expect(abuseReasons("You are an IDIOT.")).toEqual(['abusive language: "idiot"']);
    expect(abuseReasons("f*ck this clinic")).toEqual(['abusive language: "fuck"']);
    expect(abuseReasons("what a sh1t service, fuuuuck")).toEqual([
      'abusive language: "shit"',
      'abusive language: "fuck"',
    ]);
    expect(abuseReasons("Du Arschloch, so eine Scheiße")).toEqual([
      'abusive language: "arschloch"',
      'abusive language: "scheiße"',
    ]);
    expect(abuseReasons("I will kill you")).toEqual(['abusive language: "kill you"']);
  });

  it("does not flag what owners and vets say about animals, nor words that contain a bad one", () => {
    for (const text of [
      "Her anal glands need expressing",
      "My bitch is in heat, can we spay her later?",
      "What sex is the kitten?",
      "The penis looks swollen",
      "A blue tit hit the window; the cat has it",
      "Bring a scat sample, please",
      "Scunthorpe shiitake risotto",
      "That skill you showed was great",
      "Die Scheibe ist kaputt",
      "Our pussy cat hisses",
    ]) {
      expect(abuseReasons(text)).toEqual([]);
    }
  });

  it("masks before storing and still flags what was said", () => {
    expect(moderate("idiot, here is 4111111111111111")).toEqual({
      text: "idiot, here is [card number ending 1111]",
      masked: true,
      flagReasons: ['abusive language: "idiot"'],
    });
  });
});
