import { accountEmailFor, verificationLink } from "./account-email.content";

describe("account emails", () => {
  it("a verification email carries the link with its token, the code and when it expires", () => {
    const email = accountEmailFor(
      {
        type: "user.email_verification_requested",
        payload: {
          userId: "u1",
          email: "maria@example.test",
          displayName: "Maria",
          token: "abc_DEF-123",
          expiresAt: "2026-12-02T15:00:00Z",
        },
      },
      "https://app.pawgraph.dev/verify-email",
    );
    expect(email).toMatchObject({
      userId: "u1",
      to: "maria@example.test",
      subject: "Confirm your email address for Pawgraph",
    });
    expect(email!.text).toContain("https://app.pawgraph.dev/verify-email?token=abc_DEF-123");
    expect(email!.text).toContain("Or enter this code in the app: abc_DEF-123");
    expect(email!.text).toContain("2 Dec 2026");
  });

  it("a registration attempt tells the address's owner that no account was created", () => {
    const email = accountEmailFor(
      {
        type: "user.registration_attempted",
        payload: { userId: "u1", email: "maria@example.test", displayName: "Maria" },
      },
      "https://x.test/v",
    );
    expect(email).toMatchObject({
      to: "maria@example.test",
      subject: "Someone tried to register with your email address",
    });
    expect(email!.text).toContain("No new account was created");
  });

  it("keeps query parameters of the configured link and ignores other events", () => {
    expect(verificationLink("https://x.test/v?lang=de", "t")).toBe("https://x.test/v?lang=de&token=t");
    expect(accountEmailFor({ type: "booking.confirmed", payload: {} }, "https://x.test/v")).toBeNull();
  });
});
