import { normalizeMicrochip, parseMicrochip } from "./microchip";

describe("microchip numbers", () => {
  it("are compared without spaces or hyphens, in upper case", () => {
    expect(normalizeMicrochip(" 276 098 106-123 456 ")).toBe("276098106123456");
    expect(normalizeMicrochip("0a1b2c3d4e")).toBe("0A1B2C3D4E");
  });

  it.each([
    ["ISO 11784, 15 digits", "276098106123456", "276098106123456"],
    ["an AVID chip, 9 digits", "012 345 678", "012345678"],
    ["an FDX-A chip, 10 hexadecimal characters", "0a1b-2c3d-4e", "0A1B2C3D4E"],
    ["nothing but spaces (clears it)", "   ", null],
  ])("accept %s", (_label, value, expected) => {
    expect(parseMicrochip(value, "input.microchipId")).toBe(expected);
  });

  it.each([
    ["14 digits", "27609810612345"],
    ["16 digits", "2760981061234567"],
    ["8 characters", "0A1B2C3D"],
    ["11 characters", "0A1B2C3D4E5"],
    ["15 characters with a letter", "27609810612345A"],
    ["punctuation", "276.098.106.123"],
  ])("refuse %s, naming the field", (_label, value) => {
    expect(() => parseMicrochip(value, "input.microchipId")).toThrow(
      expect.objectContaining({ code: "BAD_USER_INPUT", field: "input.microchipId" }),
    );
  });
});
