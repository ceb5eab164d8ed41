import { isAccountNotification, planAccountNotifications } from "./account-notification.content";

const userId = "2c4e6a8b-0d2f-4b6d-8f1a-3c5e7a9b1d66";

describe("account notifications", () => {
  it("a ready export says until when its emailed link works and when it is deleted, without the link", () => {
    const notices = planAccountNotifications({
      type: "privacy.export_ready",
      payload: {
        exportId: "e1",
        userId,
        email: "maria@example.test",
        displayName: "Maria",
        downloadUrl: "https://files.pawgraph.dev/privacy/exports/e1/pawgraph-data.zip?sig=abc",
        linkExpiresAt: "2026-12-03T15:00:00.000Z",
        availableUntil: "2026-12-09T15:00:00.000Z",
      },
    });
    expect(notices).toEqual([
      {
        userId,
        type: "DATA_EXPORT_READY",
        title: "Your Pawgraph data is ready",
        body: "We emailed you a link to download it, which works until 3 Dec 2026, 15:00 UTC. The export is deleted on 9 Dec 2026, 15:00 UTC.",
      },
    ]);
  });

  it("a scheduled deletion says when and how to keep the account", () => {
    expect(
      planAccountNotifications({
        type: "privacy.account_deletion_scheduled",
        payload: {
          deletionId: "d1",
          userId,
          email: "maria@example.test",
          displayName: "Maria",
          erasureDueAt: "2026-12-16T15:00:00.000Z",
        },
      }),
    ).toEqual([
      {
        userId,
        type: "ACCOUNT_DELETION_SCHEDULED",
        title: "Your account will be deleted",
        body: "Your Pawgraph account and its data will be deleted on 16 Dec 2026, 15:00 UTC. To keep it, cancel the deletion in your account settings before then.",
      },
    ]);
  });

  it("other account events tell nothing in the app, and only these kinds are transactional", () => {
    expect(
      planAccountNotifications({
        type: "user.password_reset_requested",
        payload: { userId, email: "m@example.test", displayName: "M", token: "t", expiresAt: "2026-12-02T15:00:00Z" },
      }),
    ).toEqual([]);
    expect(isAccountNotification("DATA_EXPORT_READY")).toBe(true);
    expect(isAccountNotification("BOOKING_CONFIRMED")).toBe(false);
  });
});
