import type { RunningGateway } from "@pawgraph/gateway";
import { chromium, type Browser } from "playwright-core";
import { HoldSlotDocument } from "../clients/__generated__/graphql";
import { NotificationAddedDocument } from "../clients/__generated__/web/graphql";
import { berlin, buildClinic, ownerWithPet } from "./bookings-fixtures";
import { browserIt, chromiumPath, sayWhenBrowserTestsSkipped } from "./browser";
import { execute, PASSWORD, startStack, type Stack } from "./harness";
import {
  WEB_TIMEOUT_MS,
  buildWebApp,
  webAppGateway,
  type InPageStorage,
  accessibilityProblems,
  screenshot,
} from "./web-app-page";

sayWhenBrowserTestsSkipped("the web app's booking");

describe("the web app's booking screens and notification bell, on trusted documents only", () => {
  let stack: Stack;
  let gateway: RunningGateway;
  let dist: string;
  beforeAll(async () => {
    dist = buildWebApp();
    // Its own database and event stream, with messaging turning booking events into notifications.
    stack = await startStack({ ownDatabase: true, messaging: { consumeEvents: true } });
    gateway = await webAppGateway(stack, dist);
  }, 180_000);
  afterAll(async () => {
    await gateway?.stop();
    await stack?.stop();
  });

  const base = () => `http://127.0.0.1:${gateway.port}`;

  browserIt(
    "in Chromium: find a clinic, hold a time with a countdown, confirm, see it in My bookings with its calendar feed, and the notification arrive live in the bell",
    async () => {
      const clinic = await buildClinic(stack, {
        clinic: { name: "Webpaw Clinic" },
        service: { name: "Vaccination", species: ["DOG"] },
      });
      const { owner, petName } = await ownerWithPet(stack, "DOG");
      const rival = await ownerWithPet(stack, "DOG");
      const day = berlin(3, "12:00").slice(0, 10);

      const browser: Browser = await chromium.launch({ executablePath: chromiumPath()!, args: ["--no-sandbox"] });
      const problems: string[] = [];
      const a11y: Record<string, unknown[]> = {};
      const check = async (screen: string) => (a11y[screen] = await accessibilityProblems(page));
      const page = await browser.newPage();
      page.setDefaultTimeout(WEB_TIMEOUT_MS);
      page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
      page.on("pageerror", (error) => problems.push(error.message));
      // What the app sends over graphql-ws: the subscribe messages' payloads.
      const tokens: string[] = [];
      const subscribed: { operationName?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } }[] = [];
      page.on("websocket", (socket) =>
        socket.on("framesent", ({ payload }) => {
          const message = JSON.parse(String(payload)) as {
            type: string;
            payload?: (typeof subscribed)[number] & { authorization?: string };
          };
          if (message.type === "subscribe") subscribed.push(message.payload!);
          if (message.type === "connection_init") tokens.push(String(message.payload?.authorization));
        }),
      );
      try {
        await page.goto(`${base()}/app/sign-in`);
        await page.getByLabel("Email").fill(owner.email);
        await page.getByLabel("Password").fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("heading", { name: "My pets" }).waitFor();
        // Reloaded with an access token the gateway refuses: HTTP refreshes the session, and the bell's
        // socket (closed 4401 on the refused token) connects again with the new one (checked below by
        // the notification arriving live).
        await page.evaluate(() => {
          const storage = (globalThis as unknown as { localStorage: InPageStorage }).localStorage;
          const session = JSON.parse(storage.getItem("pawgraph.session")!) as Record<string, unknown>;
          storage.setItem("pawgraph.session", JSON.stringify({ ...session, accessToken: "not.a.token" }));
        });
        await page.reload();
        await page.getByRole("list", { name: "Pets" }).waitFor();
        const bell = page.getByRole("button", { name: /^Notifications/ });
        await expect(bell.textContent()).resolves.toContain("(0)");

        // Find a clinic: the service filter is the API's (a name containing the text).
        await page.getByRole("link", { name: "Find a clinic" }).click();
        await page.getByRole("heading", { name: "Find a clinic" }).waitFor();
        await page.getByLabel("Service (optional)").fill("grooming");
        await page.getByRole("button", { name: "Search" }).click();
        await page.getByText("No clinic matches.").waitFor();
        await page.getByLabel("Service (optional)").fill("vaccin");
        await page.getByLabel("Species (optional)").selectOption("DOG");
        await page.getByRole("button", { name: "Search" }).click();
        const clinics = page.getByRole("list", { name: "Clinics" });
        await clinics.waitFor();
        expect(await clinics.getByRole("link").allTextContents()).toEqual(["Webpaw Clinic"]);
        await check("clinics");
        await screenshot(page, "clinics");

        // The clinic's page: its services; free times for the pet, service and day (Berlin times, 9–17).
        await clinics.getByRole("link", { name: "Webpaw Clinic" }).click();
        await page.getByRole("heading", { name: "Webpaw Clinic" }).waitFor();
        expect(await page.getByRole("list", { name: "Services" }).textContent()).toBe("Vaccination");
        expect(await page.getByLabel("Pet").locator("option:checked").textContent()).toBe(petName);
        await page.getByLabel("Day").fill(day);
        const slots = page.getByRole("list", { name: "Free times" });
        await slots.getByRole("button", { name: "09:00" }).waitFor();
        expect(await slots.getByRole("button").first().textContent()).toBe("09:00");
        await check("clinic and free times");

        // Someone else holds 09:30 meanwhile: picking it says so in words and the times are asked again.
        const taken = await execute(
          stack.gateway.url,
          HoldSlotDocument,
          {
            input: {
              clinicId: clinic.clinicId,
              serviceId: clinic.serviceId,
              vetId: clinic.vets[0]!.user.id,
              startsAt: berlin(3, "09:30"),
            },
          },
          rival.owner.token,
        );
        expect(taken.data?.holdSlot.__typename).toBe("SlotHold");
        await slots.getByRole("button", { name: "09:30" }).click();
        await page
          .getByRole("alert")
          .getByText("Someone else has just taken that time. Please pick another.")
          .waitFor();
        await slots.getByRole("button", { name: "09:30" }).waitFor({ state: "detached" });

        // Hold 10:00: a countdown that runs (shown every second, announced only at milestones).
        await slots.getByRole("button", { name: "10:00" }).click();
        const held = page.getByRole("region", { name: "Your held time" });
        await held.waitFor();
        const timer = held.getByRole("timer");
        const first = await timer.textContent();
        expect(first).toMatch(/^Held for you: \d+:\d\d left to confirm$/);
        await page.waitForTimeout(2_100);
        const later = await timer.textContent();
        const seconds = (text: string) => {
          const [, m, s] = /(\d+):(\d\d)/.exec(text)!;
          return Number(m) * 60 + Number(s);
        };
        expect(seconds(first!) - seconds(later!)).toBeGreaterThanOrEqual(2);
        expect(await held.locator("[aria-live=polite]").textContent()).toMatch(
          /^About \d+ minutes? left to confirm\.$/,
        );
        await check("held time");
        await screenshot(page, "hold");

        // Confirm: the booking, and the booking-confirmed notification arriving in the bell without a reload.
        await page.getByRole("button", { name: "Confirm booking" }).click();
        await page.getByText(/^Booked: Vaccination at Webpaw Clinic, /).waitFor();
        await page.getByRole("button", { name: /Notifications.*1 unread/ }).waitFor();
        await expect(page.getByRole("status").filter({ hasText: "New notification" }).textContent()).resolves.toBe(
          "New notification: Appointment confirmed",
        );
        // The subscription went by its trusted-document id (the gateway requires trusted documents).
        const hash = (NotificationAddedDocument as unknown as { __meta__: { hash: string } }).__meta__.hash;
        // The socket opened with the refused token and then again with the new one.
        expect(tokens).toContain("Bearer not.a.token");
        expect(tokens.at(-1)).toMatch(/^Bearer ey/);
        // (One before the reload, one or more after it: every one by id.)
        expect(subscribed.length).toBeGreaterThanOrEqual(2);
        expect(subscribed).toEqual(
          subscribed.map(() =>
            expect.objectContaining({
              operationName: "NotificationAdded",
              extensions: { persistedQuery: expect.objectContaining({ sha256Hash: hash.replace(/^sha256:/, "") }) },
            }),
          ),
        );
        await bell.click();
        const latest = page.getByRole("list", { name: "Latest notifications" });
        await latest.waitFor();
        expect(await latest.getByRole("listitem").allTextContents()).toEqual([
          expect.stringMatching(new RegExp(`^Unread: Appointment confirmed${petName}'s appointment at Webpaw Clinic`)),
        ]);
        await check("notifications");
        await screenshot(page, "notifications");
        await latest.getByRole("button", { name: /^Mark read/ }).click();
        await page.getByRole("button", { name: /Notifications.*0 unread/ }).waitFor();
        await bell.click();

        // My bookings: the booking, and a calendar feed that the gateway serves as iCalendar.
        await page.getByRole("link", { name: "See my bookings" }).click();
        await page.getByRole("heading", { name: "My bookings" }).waitFor();
        const bookings = page.getByRole("list", { name: "Bookings" });
        await bookings.waitFor();
        expect(await bookings.getByRole("listitem").allTextContents()).toEqual([
          expect.stringMatching(/^Vaccination at Webpaw Clinic.*Cancel$/),
        ]);
        const feed = await page
          .getByRole("link", { name: "Calendar feed of your bookings (iCalendar)" })
          .getAttribute("href");
        const calendar = await fetch(feed!);
        expect(calendar.status).toBe(200);
        expect(calendar.headers.get("content-type")).toMatch(/^text\/calendar/);
        const ics = await calendar.text();
        expect(ics).toContain("BEGIN:VCALENDAR");
        expect(ics).toContain("SUMMARY:Vaccination at Webpaw Clinic");
        expect(ics).toContain(`DTSTART:${berlin(3, "10:00").replace(/[-:]|\.\d+/g, "")}`);
        await check("my bookings");
        await screenshot(page, "bookings");

        // Cancelled three days ahead (inside what the clinic allows): gone from the list.
        await bookings.getByRole("button", { name: /^Cancel Vaccination/ }).click();
        await page.getByRole("status").filter({ hasText: "Booking cancelled." }).waitFor();

        expect(a11y).toEqual({
          clinics: [],
          "clinic and free times": [],
          "held time": [],
          notifications: [],
          "my bookings": [],
        });
        // Chromium asks for /favicon.ico (404) and logs the refused token's 401s; nothing else fails.
        expect(problems.filter((problem) => !/status of 40[14]/.test(problem))).toEqual([]);
      } catch (error) {
        const shown = await page
          .locator("body")
          .innerText()
          .catch(() => "?");
        throw new Error(
          `${(error as Error).message}\nThe page shows: ${shown}\nProblems: ${JSON.stringify(problems)}`,
          {
            cause: error,
          },
        );
      } finally {
        await browser.close();
      }
    },
    180_000,
  );

  browserIt(
    "in Chromium: a hold running out disables confirming, says so, and lets the owner pick again; too many holds are refused in words",
    async () => {
      const clinic = await buildClinic(stack, {
        clinic: { name: "Quickhold Clinic", holdSeconds: 12 },
        service: { name: "Check-up" },
      });
      const { owner } = await ownerWithPet(stack, "CAT");
      const browser: Browser = await chromium.launch({ executablePath: chromiumPath()!, args: ["--no-sandbox"] });
      const page = await browser.newPage();
      page.setDefaultTimeout(WEB_TIMEOUT_MS);
      try {
        await page.goto(`${base()}/app/sign-in`);
        await page.getByLabel("Email").fill(owner.email);
        await page.getByLabel("Password").fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("heading", { name: "My pets" }).waitFor();
        await page.goto(`${base()}/app/clinics/${clinic.clinicId}`);
        await page.getByRole("heading", { name: "Quickhold Clinic" }).waitFor();
        await page.getByLabel("Day").fill(berlin(2, "12:00").slice(0, 10));
        await page.getByRole("list", { name: "Free times" }).getByRole("button", { name: "09:00" }).click();
        const held = page.getByRole("region", { name: "Your held time" });
        const live = held.locator("[aria-live=polite]");
        await held.getByRole("timer").waitFor();
        // Twelve seconds: the live region speaks at 30 s and 10 s, not every second.
        expect(await live.textContent()).toBe("Less than 30 seconds left to confirm.");
        await held.getByText("Less than 10 seconds left to confirm.").waitFor();
        await held.getByRole("alert").getByText("Your hold ran out. Please pick the time again.").waitFor();
        expect(await held.getByRole("button", { name: "Confirm booking" }).isDisabled()).toBe(true);
        await held.getByRole("button", { name: "Pick another time" }).click();
        const slots = page.getByRole("list", { name: "Free times" });
        await slots.getByRole("button", { name: "09:00" }).waitFor();

        // Two times held elsewhere (the API's limit per person): a third is refused in words.
        for (const time of ["10:00", "10:30"]) {
          const hold = await execute(
            stack.gateway.url,
            HoldSlotDocument,
            {
              input: {
                clinicId: clinic.clinicId,
                serviceId: clinic.serviceId,
                vetId: clinic.vets[0]!.user.id,
                startsAt: berlin(2, time),
              },
            },
            owner.token,
          );
          expect(hold.data?.holdSlot.__typename).toBe("SlotHold");
        }
        await slots.getByRole("button", { name: "11:00" }).click();
        await page
          .getByRole("alert")
          .getByText("You are already holding 2 times. Confirm or let go of one first, or wait for it to run out.")
          .waitFor();
        expect(await page.getByRole("region", { name: "Your held time" }).count()).toBe(0);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
