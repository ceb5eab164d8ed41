import { isLuhnValid, looksLikeCardNumber, redactPii } from "./redaction";

/** The digits with the Luhn check digit appended: a number that passes the checksum. */
function withCheckDigit(digits: string): string {
  for (let d = 0; d <= 9; d++) if (isLuhnValid(digits + d)) return digits + d;
  throw new Error("unreachable");
}

/** The same number with a wrong check digit. */
function withWrongCheckDigit(digits: string): string {
  const valid = withCheckDigit(digits);
  return digits + ((Number(valid.at(-1)) + 1) % 10);
}

describe("redactPii", () => {
  it("replaces each kind with its placeholder and counts them", () => {
    const result = redactPii(
      "I'm jo.bloggs+vet@example.co.uk, call +44 20 7946 0958 or (415) 555-2671. " +
        "Card 4111 1111 1111 1111. I live at 221B Baker Street, London NW1 6XE.",
    );
    expect(result.text).toBe(
      "I'm [email], call [phone] or [phone]. Card [card]. I live at [address], London [address].",
    );
    expect(result.redactions).toEqual([
      { kind: "EMAIL", count: 1 },
      { kind: "PHONE", count: 2 },
      { kind: "CARD", count: 1 },
      { kind: "ADDRESS", count: 2 },
    ]);
  });

  it("leaves a text without personal data as it is", () => {
    const text = "My 12 kg dog eats 3 times a day. Is that OK?";
    expect(redactPii(text)).toEqual({ text, redactions: [] });
  });

  describe("emails", () => {
    it.each(["jo@example.com", "first.last+tag@sub.example.org", "émilie@exemple.fr", "VET_2@clinic-42.co.uk"])(
      "finds %s",
      (email) => {
        expect(redactPii(`write to ${email} please`).text).toBe("write to [email] please");
      },
    );

    it("does not take a handle or a dose for one", () => {
      for (const text of ["ask @vetjo on the forum", "2 tablets @ 8am", "rex@home is happy"]) {
        expect(redactPii(text).text).toBe(text);
      }
    });
  });

  describe("phone numbers", () => {
    it.each([
      ["UK international", "+44 20 7946 0958"],
      ["UK international with 00", "0044 20 7946 0958"],
      ["UK London", "020 7946 0958"],
      ["UK mobile", "07700 900123"],
      ["US", "(415) 555-2671"],
      ["US dashes", "415-555-2671"],
      ["US dots", "415.555.2671"],
      ["US international", "+1 415 555 2671"],
      ["France mobile", "06 12 34 56 78"],
      ["France international", "+33 6 12 34 56 78"],
      ["France unspaced", "0612345678"],
      ["Germany Berlin", "030 12345678"],
      ["Germany mobile", "0151 23456789"],
      ["Germany international", "+49 30 12345678"],
      ["Netherlands mobile", "06-12345678"],
      ["Spain mobile", "612 34 56 78"],
      ["Spain international", "+34 612 34 56 78"],
      ["Italy mobile", "333 123 4567"],
      ["Italy international", "+39 333 123 4567"],
      ["Ireland mobile", "087 123 4567"],
      ["Belgium", "+32 470 12 34 56"],
    ])("finds %s: %s", (_, phone) => {
      expect(redactPii(`ring me on ${phone} after 6`)).toEqual({
        text: "ring me on [phone] after 6",
        redactions: [{ kind: "PHONE", count: 1 }],
      });
    });

    it("does not read a comma and the next number as an extension", () => {
      expect(redactPii("(415) 555-2671, 06 12 34 56 78").text).toBe("[phone], [phone]");
    });

    it("keeps a real extension with its number", () => {
      expect(redactPii("office 020 7946 0958 ext. 204").text).toBe("office [phone]");
    });
  });

  describe("card numbers", () => {
    it.each([
      ["Visa, spaced", "4111 1111 1111 1111"],
      ["Visa, dashed", "4111-1111-1111-1111"],
      ["Visa, unspaced", "4012888888881881"],
      ["Mastercard", "5555 5555 5555 4444"],
      ["Mastercard 2-series", "2223 0031 2200 3222"],
      ["American Express", "3782 822463 10005"],
      ["Discover", "6011 1111 1111 1117"],
      ["Diners Club (14 digits)", "3056 9309 0259 04"],
      ["JCB", "3530 1113 3330 0000"],
    ])("finds %s", (_, card) => {
      expect(redactPii(`my card is ${card}, charge it`)).toEqual({
        text: "my card is [card], charge it",
        redactions: [{ kind: "CARD", count: 1 }],
      });
    });

    it("needs the Luhn checksum", () => {
      const text = "my card is 4111 1111 1111 1112";
      expect(redactPii(text).text).toBe(text);
    });

    it("leaves microchip numbers (15 digits, a country or maker code) alone, checksum or not", () => {
      for (const code of ["981", "985", "900", "250", "826", "840", "276", "616", "643"]) {
        const prefix = code + "0200001234";
        for (const chip of [withCheckDigit(prefix.padEnd(14, "5")), withWrongCheckDigit(prefix.padEnd(14, "5"))]) {
          expect(chip).toHaveLength(15);
          const text = `Her microchip is ${chip}, is it registered?`;
          expect(redactPii(text).text).toBe(text);
        }
      }
    });

    it("takes a Luhn-valid chip number with an Amex prefix (Ireland 372) for a card: the safe side", () => {
      const chip = withCheckDigit("37200000123456");
      expect(looksLikeCardNumber(chip)).toBe(true);
      expect(redactPii(`chip ${chip}`).text).toBe("chip [card]");
      expect(redactPii(`chip ${withWrongCheckDigit("37200000123456")}`).text).not.toContain("[card]");
    });

    it("does not take a long number of the wrong length for its issuer", () => {
      expect(looksLikeCardNumber(withCheckDigit("411111111111111"))).toBe(true); // 16
      expect(looksLikeCardNumber(withCheckDigit("41111111111111"))).toBe(false); // 15: no Visa has 15
    });
  });

  describe("addresses", () => {
    it.each([
      ["221B Baker Street", "I live at 221B Baker Street."],
      ["1600 Pennsylvania Ave NW", "Send it to 1600 Pennsylvania Ave NW today"],
      ["10 Downing St", "Send it to 10 Downing St today"],
      ["a lower-case street", "we are at 12 baker street now"],
      ["12 rue de la Paix", "nous habitons 12 rue de la Paix, Paris"],
      ["avenue des Champs-Élysées", "au 5 bis, avenue des Champs-Élysées"],
      ["Hauptstraße 5", "wir wohnen in der Hauptstraße 5"],
      ["Berliner Str. 12", "Adresse: Berliner Str. 12"],
      ["Kalverstraat 92", "ons adres is Kalverstraat 92"],
      ["Calle de Alcalá, 45", "vivo en Calle de Alcalá, 45"],
      ["Via Roma 10", "abito in Via Roma 10"],
    ])("finds %s", (_, text) => {
      const result = redactPii(text);
      expect(result.text).toContain("[address]");
      expect(result.redactions).toEqual([{ kind: "ADDRESS", count: 1 }]);
    });

    it.each(["SW1A 1AA", "NW1 6XE", "EC1A 1BB", "M1 1AE", "B33 8TH"])("finds the UK postcode %s", (postcode) => {
      expect(redactPii(`postcode ${postcode}, thanks`).text).toBe("postcode [address], thanks");
    });

    it("finds a US ZIP+4 and a state with its ZIP", () => {
      expect(redactPii("ZIP 94103-1234").text).toBe("ZIP [address]");
      expect(redactPii("Austin, TX 78701").text).toBe("Austin, [address]");
    });
  });

  describe("the numbers of an ordinary pet question", () => {
    it.each([
      "My 12 kg dog eats 3 times a day.",
      "She is 2 years old and weighs 4.5 kg.",
      "Give 10 mg twice daily for 14 days, then 5 mg.",
      "Dose: 0.5 ml per 10 kg, every 8 hours.",
      "Born 12/03/2022, vaccinated on 2024-03-12 and again on 01.02.2024 at 10:30.",
      "Between 1500 and 2000 calories, 250 g of food, 3 cups.",
      "His temperature was 39.2 °C, down from 40.1.",
      "Vitamin B12 5MG and D3 1000 IU: are they safe?",
      "She had 2 meals on the way and walked 3 times down the road.",
      "We set 3 place settings; he walks 5 km on 2 walks a day.",
      "Order #123456789 arrived; it cost $1234.56.",
      "Puppies need shots at 8, 12 and 16 weeks; boosters every 1 to 3 years.",
      "Our clinic is open 9 to 17, 5 days a week, since 1998.",
      "In 2023 he weighed 31 lbs; in 2024, 35 lbs.",
      "Il a 3 ans et pèse 12 kg, il mange 2 fois par jour.",
      "2 cours par semaine, 3 place settings.",
      "Rex, 3 Years Old Street Dog, and 9 Lives Road Trip.",
      "Doses 0.5 1.0 1.5 2.0 2.5 ml; weights 10 12 14 16 18 20 22 kg.",
    ])("keeps %s", (text) => {
      expect(redactPii(text)).toEqual({ text, redactions: [] });
    });
  });
});
