import { checkPasswordPolicy } from "./password-policy";

function refusal(
  password: string,
  email: string,
  personal: string[] = [],
  field = "input.password",
): { code?: string; field?: string; message?: string; details?: { hint?: string } } | undefined {
  try {
    checkPasswordPolicy(password, email, field, personal);
    return undefined;
  } catch (error) {
    return error as never;
  }
}

describe("checkPasswordPolicy", () => {
  const email = "maria.keller@example.com";

  it.each([
    ["a passphrase", "correct horse battery"],
    ["the tests' password", "a long enough passphrase"],
    ["the demo accounts' password", "pawgraph-demo"],
    ["random characters", "Zq7#pL2!vR9x"],
  ])("accepts %s", (_label, password) => {
    expect(refusal(password, email)).toBeUndefined();
  });

  it.each([
    ["too short", "short1!", /at least 10/],
    ["too long", "x".repeat(129) + "abc", /at most 128/],
    ["contains the email", "MARIA.KELLER@example.com!1", /email/],
    ["contains the local part", "xxmaria.kellerxx", /email/],
    ["too repetitive", "aaaaaaaaaaaa", /repetitive/],
  ])("refuses a password that is %s", (_label, password, message) => {
    expect(refusal(password, email)).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.password",
      message: expect.stringMatching(message),
    });
  });

  it.each([
    ["a common password with digits", "password123"],
    ["a digit sequence", "1234567890"],
    ["a keyboard row", "qwertyuiop"],
    ["a leaked password in l33t", "P@ssw0rd123"],
    ["a common phrase", "iloveyoumydog"],
    ["a keyboard walk", "1qaz2wsx3edc"],
  ])("refuses %s as too easy to guess, with a hint", (_label, password) => {
    const error = refusal(password, email);
    expect(error).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.password",
      message: expect.stringMatching(/^Password is too easy to guess/),
    });
    expect(error?.details?.hint).toMatch(/passphrase/);
  });

  it("counts the person's own name as guessable", () => {
    expect(refusal("quackenbushzebulon", "someone@example.com", ["Zebulon Quackenbush"])).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.password",
    });
    expect(refusal("quackenbushzebulon", "someone@example.com")).toBeUndefined();
  });

  it("names the field it was given", () => {
    expect(refusal("qwertyuiop", email, [], "input.newPassword")).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.newPassword",
    });
  });

  // What bounds a check's cost: only the first 48 characters are scored (bench/password-policy.ts
  // measures a crafted 128-character password).
  it("judges a long password by its first 48 characters", () => {
    const strongTail = "Vq7#mLz!xR2@pW9^";
    expect(refusal("a".repeat(32) + strongTail, email)).toBeUndefined();
    expect(refusal("a".repeat(48) + strongTail, email)).toMatchObject({ code: "BAD_USER_INPUT" });
  });
});
