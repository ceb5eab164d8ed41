import { abuseReasons, luhnValid, maskSecrets, moderate } from "./moderation";

describe("moderation", () => {
  it("recognises card numbers by their Luhn checksum", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
  });

  it("masks card numbers however they are grouped, keeping the last four digits", () => {
    expect(maskSecrets("my card is 4111 1111 1111 1111, thanks").text).toBe("my card is [card number ending 1111], thanks");
    expect(maskSecrets("5500-0000-0000-0004").text).toBe("[card number ending 0004]");
    expect(maskSecrets("IBAN DE89 3704 0044 0532 0130 00 please").text).toBe("IBAN [bank account ending 3000] please");
  });

  it("leaves other numbers alone: phone numbers, microchips, dates", () => {
    for (const text of ["call +49 30 1234567", "chip 276098106123456", "on 2026-03-29 at 10:00", "4111111111111112"]) {
      expect(maskSecrets(text)).toEqual({ text, masked: false });
    }
  });

  it("flags abusive language as words, not inside other words", () => {
    expect(abuseReasons("You are an IDIOT.")).toEqual(['abusive language: "idiot"']);
    expect(abuseReasons("Scunthorpe has a shitake? No: shiitake.")).toEqual([]);
    expect(moderate("idiot, here is 4111111111111111")).toEqual({ text: "idiot, here is [card number ending 1111]", masked: true, flagReasons: ['abusive language: "idiot"'] });
  });
});
