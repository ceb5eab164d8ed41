import { checkPasswordPolicy } from "./password-policy";

describe("checkPasswordPolicy", () => {
  const email = "maria.keller@example.com";

  it("accepts a long password unrelated to the email", () => {
    expect(() => checkPasswordPolicy("correct horse battery", email)).not.toThrow();
  });

  it.each([
    ["too short", "short1!", /at least 10/],
    ["too long", "x".repeat(129) + "abc", /at most 128/],
    ["contains the email", "MARIA.KELLER@example.com!1", /email/],
    ["contains the local part", "xxmaria.kellerxx", /email/],
    ["too repetitive", "aaaaaaaaaaaa", /repetitive/],
  ])("refuses a password that is %s", (_label, password, message) => {
    expect(() => checkPasswordPolicy(password, email)).toThrow(message);
    try {
      checkPasswordPolicy(password, email);
    } catch (error) {
      expect(error).toMatchObject({ code: "BAD_USER_INPUT", field: "input.password" });
    }
  });
});
