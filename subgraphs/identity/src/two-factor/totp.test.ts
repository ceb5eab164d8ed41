import { generate } from "otplib";
import { acceptedStep, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpUri } from "./totp";

const now = () => Math.floor(Date.now() / 1000);

describe("TOTP codes", () => {
  it("accepts the current code and the steps either side, and answers the step it matched", async () => {
    const secret = newTotpSecret();
    const step = Math.floor(now() / 30);
    const current = await acceptedStep(secret, await generate({ secret, epoch: step * 30 }), null);
    expect([step, step + 1]).toContain(current);
    expect(await acceptedStep(secret, await generate({ secret, epoch: (step + 1) * 30 }), null)).not.toBeNull();
    expect(await acceptedStep(secret, await generate({ secret, epoch: (step - 5) * 30 }), null)).toBeNull();
  });

  it("refuses a code of the step last accepted or earlier (replay)", async () => {
    const secret = newTotpSecret();
    const code = await generate({ secret, epoch: now() });
    const step = await acceptedStep(secret, code, null);
    expect(step).not.toBeNull();
    expect(await acceptedStep(secret, code, step)).toBeNull();
    expect(await acceptedStep(secret, code, step! - 1)).toBe(step);
  });

  it("refuses anything but six digits without asking otplib", async () => {
    const secret = newTotpSecret();
    for (const code of ["", "12345", "1234567", "12a456", " 123456"])
      expect(await acceptedStep(secret, code, null)).toBeNull();
  });

  it("puts issuer and account in the otpauth URI", () => {
    expect(totpUri("JBSWY3DPEHPK3PXP", "anna@pawgraph.dev")).toBe(
      "otpauth://totp/Pawgraph:anna%40pawgraph.dev?secret=JBSWY3DPEHPK3PXP&issuer=Pawgraph",
    );
  });
});

describe("recovery codes", () => {
  it("are ten distinct XXXX-XXXX-XXXX-XXXX codes without look-alike characters", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
  });

  it("hash the same whatever the case, spaces and dashes", () => {
    expect(recoveryCodeHash("abcd efgh-JKLM-npqr")).toBe(recoveryCodeHash("ABCD-EFGH-JKLM-NPQR"));
    expect(recoveryCodeHash("ABCD-EFGH-JKLM-NPQR")).not.toBe(recoveryCodeHash("ABCD-EFGH-JKLM-NPQS"));
  });
});
