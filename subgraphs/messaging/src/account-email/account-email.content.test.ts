import { accountEmailFor, tokenLink } from "./account-email.content";

const links = {
  verifyEmailUrl: "https://app.pawgraph.dev/verify-email",
  resetPasswordUrl: "https://app.pawgraph.dev/reset",
};

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
      links,
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
      links,
    );
    expect(email).toMatchObject({
      to: "maria@example.test",
      subject: "Someone tried to register with your email address",
    });
    expect(email!.text).toContain("No new account was created");
  });

  it("a password reset email carries its link with the token, the code and when it expires", () => {
    const email = accountEmailFor(
      {
        type: "user.password_reset_requested",
        payload: {
          userId: "u1",
          email: "maria@example.test",
          displayName: "Maria",
          token: "xyz_789-Q",
          expiresAt: "2026-12-02T15:15:00Z",
        },
      },
      links,
    );
    expect(email).toMatchObject({
      userId: "u1",
      kind: "user.password_reset_requested",
      to: "maria@example.test",
      subject: "Reset your Pawgraph password",
    });
    expect(email!.text).toContain("https://app.pawgraph.dev/reset?token=xyz_789-Q");
    expect(email!.text).toContain("Or enter this code in the app: xyz_789-Q");
    expect(email!.text).toContain("2 Dec 2026, 15:15 UTC");
  });

  it("a ready export carries its download link, when the link expires and when the export is deleted", () => {
    const email = accountEmailFor(
      {
        type: "privacy.export_ready",
        payload: {
          exportId: "e1",
          userId: "u1",
          email: "maria@example.test",
          displayName: "Maria",
          downloadUrl: "https://files.pawgraph.dev/privacy/exports/e1/pawgraph-data.zip?sig=abc",
          linkExpiresAt: "2026-12-03T15:00:00.000Z",
          availableUntil: "2026-12-09T15:00:00.000Z",
        },
      },
      links,
    );
    expect(email).toMatchObject({
      userId: "u1",
      kind: "privacy.export_ready",
      to: "maria@example.test",
      subject: "Your Pawgraph data is ready",
    });
    expect(email!.text).toContain("\n\nhttps://files.pawgraph.dev/privacy/exports/e1/pawgraph-data.zip?sig=abc\n\n");
    expect(email!.text).toContain("This link works until 3 Dec 2026, 15:00 UTC");
    expect(email!.text).toContain("The export is deleted on 9 Dec 2026, 15:00 UTC");
  });

  it("a scheduled deletion says when, and that signing in and cancelling keeps the account", () => {
    const email = accountEmailFor(
      {
        type: "privacy.account_deletion_scheduled",
        payload: {
          deletionId: "d1",
          userId: "u1",
          email: "maria@example.test",
          displayName: "Maria",
          erasureDueAt: "2026-12-16T15:00:00.000Z",
        },
      },
      links,
    );
    expect(email).toMatchObject({
      kind: "privacy.account_deletion_scheduled",
      to: "maria@example.test",
      subject: "Your Pawgraph account will be deleted",
    });
    expect(email!.text).toContain("On 16 Dec 2026, 15:00 UTC we will delete it");
    expect(email!.text).toContain("Sign in before then and cancel the deletion");
  });

  it("keeps query parameters of the configured link and ignores other events", () => {
    expect(tokenLink("https://x.test/v?lang=de", "t")).toBe("https://x.test/v?lang=de&token=t");
    expect(accountEmailFor({ type: "booking.confirmed", payload: {} }, links)).toBeNull();
  });
});
