// The web app's care screens in Chromium, through a gateway requiring trusted documents: an owner asks the
// assistant (offline answerer, rule-based triage) about their dog and reads a cited answer, then an
// emergency follow-up gets the alert banner; clinic staff read their day calendar and review flagged messages.
import {
  ClinicCalendarDocument,
  SendMessageDocument,
  StartConversationDocument,
} from "../clients/__generated__/graphql";
import { berlin, bookSlot, buildClinic, ownerWithPet } from "./bookings-fixtures";
import { eventually, execute } from "./harness";
import { accessibilityProblems, browserIt, screenshot, webAppSuite } from "./web-app-page";

describe("the web app's assistant and clinic screens, on trusted documents only", () => {
  const web = webAppSuite("care screens");
  /**
   * A fresh browser context signed in as `email`. Chromium's own /favicon.ico request (404) is logged but is
   * no response of the page's: the page's responses are checked for 404s instead (and console 404s left out).
   */
  const signedIn = (email: string, problems: string[]) =>
    web.signedIn(email, problems, {
      onPage: (page) =>
        page.on("response", (response) => response.status() === 404 && problems.push(`404 ${response.url()}`)),
    });
  const pageProblems = (problems: string[]) => problems.filter((problem) => !/status of 404/.test(problem));

  browserIt(
    "the assistant: a cited answer about the owner's dog, its source opened at the section, then an emergency follow-up with the alert banner; past threads, one deleted",
    async () => {
      const { owner, petName } = await ownerWithPet(web.stack, "DOG");
      const problems: string[] = [];
      const a11y: Record<string, unknown[]> = {};
      const page = await signedIn(owner.email, problems);

      await page.getByRole("link", { name: "Assistant" }).click();
      await page.getByRole("heading", { name: "Assistant" }).waitFor();
      await page.getByText("No questions yet.").waitFor();
      expect(await page.getByLabel("Pet").locator("option:checked").textContent()).toBe(petName);
      a11y["assistant, empty"] = await accessibilityProblems(page);

      // A care question: the offline answerer quotes the care articles, each one a numbered source.
      const ears = "My dog keeps scratching his ears and shaking his head, what should I do?";
      await page.getByLabel("Your question").fill(ears);
      await page.getByRole("button", { name: "Ask" }).click();
      const first = page.getByRole("article", { name: `Answer to: ${ears}` });
      await first.waitFor();
      expect(page.url()).toMatch(/\/app\/assistant\/[0-9a-f-]{36}$/);
      expect(await page.getByRole("alert").count()).toBe(0);
      const sources = first.getByRole("list", { name: "Sources" });
      const article = sources.getByRole("link", { name: "Ear problems in dogs" }).first();
      await article.waitFor();
      expect(await first.locator(".answer-text").textContent()).toMatch(/\[\d+\]/);
      expect(await first.getByText(/offline/i).count()).toBeGreaterThan(0);

      // The source opens in the app at the cited section.
      const cited = await article.getAttribute("href");
      expect(cited).toMatch(/^\/app\/knowledge\/[0-9a-f-]{36}#[a-z0-9-]+$/);
      await article.click();
      await page.getByRole("heading", { level: 1, name: "Ear problems in dogs" }).waitFor();
      expect(await page.locator(`[id="${cited!.split("#")[1]}"]`).count()).toBe(1);
      a11y["care article"] = await accessibilityProblems(page);
      await page.goBack();
      await first.waitFor();

      // An emergency follow-up in the same thread: rule-based triage, the fixed block, and a banner read out at once.
      const chocolate = "He has just eaten a whole bar of dark chocolate";
      await page.getByLabel("Ask a follow-up question").fill(chocolate);
      await page.getByRole("button", { name: "Ask" }).click();
      const banner = page.getByRole("alert");
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/^Emergency: contact a vet now\.|^Very urgent: contact a vet now/);
      expect(await banner.textContent()).toMatch(/chocolate/i);
      const second = page.getByRole("article", { name: `Answer to: ${chocolate}` });
      expect(await second.textContent()).toContain("This may be an emergency. Contact a vet now.");
      expect(await second.getByRole("list", { name: "Sources" }).count()).toBe(0);
      a11y["assistant, emergency"] = await accessibilityProblems(page);
      await screenshot(page, "assistant", true);

      // Past threads: this one, flagged as an emergency; opened again, nothing is announced.
      const past = page.getByRole("list", { name: "Past questions" });
      expect(await past.getByRole("listitem").allTextContents()).toEqual([
        expect.stringContaining(`${petName} · emergency · `),
      ]);
      await page.getByRole("link", { name: "New question" }).click();
      await page.getByRole("heading", { name: "Assistant" }).waitFor();
      await past.getByRole("link").click();
      await second.waitFor();
      expect(await page.getByRole("alert").count()).toBe(0);
      expect(await first.getByRole("list", { name: "Sources" }).getByRole("listitem").count()).toBeGreaterThan(0);

      // Deleted (asked twice): the past questions, read again from the API, are empty.
      await page.getByRole("button", { name: "Delete this conversation" }).click();
      await page.getByRole("button", { name: "Yes, delete it" }).click();
      await page.getByRole("status").filter({ hasText: "Conversation deleted." }).waitFor();
      await page.getByText("No questions yet.").waitFor();
      expect(page.url()).toMatch(/\/app\/assistant$/);

      // An owner who works at no clinic is not offered the clinic screens.
      expect(await page.getByRole("link", { name: "Clinic", exact: true }).count()).toBe(0);
      expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((screen) => [screen, []])));
      expect(pageProblems(problems)).toEqual([]);
    },
    180_000,
  );

  browserIt(
    "clinic staff: tomorrow's bookings in start order on the day calendar; the admin clears one flagged message and removes another, each leaving the list; a vet gets the calendar only",
    async () => {
      const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: "08:00", closes: "18:00" }));
      const clinic = await buildClinic(web.stack, {
        clinic: { name: "Care Desk Vets", openingHours: everyDay },
        service: { name: "Dental check" },
      });
      const vet = clinic.vets[0]!.user;
      // Booked out of order: the 11:00 first, then the 09:00 by a second owner.
      const late = await ownerWithPet(web.stack, "DOG");
      const early = await ownerWithPet(web.stack, "CAT");
      await bookSlot(web.stack, late.owner, late.petId, clinic, vet.id, berlin(1, "11:00"));
      await bookSlot(web.stack, early.owner, early.petId, clinic, vet.id, berlin(1, "09:00"));
      // The clinic sees a booked pet once pets has read the booking event: wait for that, as staff would.
      const petsSeen = await eventually(
        async () => {
          const day = await execute(
            web.stack.gateway.url,
            ClinicCalendarDocument,
            { clinicId: clinic.clinicId, from: berlin(1, "00:00"), to: berlin(2, "00:00") },
            clinic.clinicAdmin.token,
          );
          return day.data?.clinicCalendar?.edges.map((edge) => edge.node.pet?.name ?? null);
        },
        (names) => names?.every(Boolean) === true,
        20_000,
      );
      expect(petsSeen).toEqual([early.petName, late.petName]);
      // An abusive message in a conversation the owner started with the clinic: moderation flags it.
      const started = await execute(
        web.stack.gateway.url,
        StartConversationDocument,
        { input: { clinicId: clinic.clinicId, petId: late.petId, subject: "Tomorrow", text: "See you at 11." } },
        late.owner.token,
      );
      const conversationId = started.data!.startConversation.id;
      for (const text of ["You are an idiot", "What an idiot, honestly"]) {
        const sent = await execute(
          web.stack.gateway.url,
          SendMessageDocument,
          { input: { conversationId, text } },
          late.owner.token,
        );
        expect(sent.data?.sendMessage.text).toBe(text);
      }

      const problems: string[] = [];
      const a11y: Record<string, unknown[]> = {};
      const page = await signedIn(clinic.clinicAdmin.email, problems);
      await page.getByRole("link", { name: "Clinic", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Care Desk Vets" }).waitFor();
      // Today (in Berlin) has nothing; the next day has both bookings, earliest first, in Berlin time.
      await page.getByText(/^No bookings on /).waitFor();
      await page.getByRole("button", { name: "Next day" }).click();
      const table = page.getByRole("table", { name: /^Bookings on / });
      await table.waitFor();
      const owners = (who: { owner: { user: { displayName: string } } }) => who.owner.user.displayName;
      expect(await table.locator("tbody tr").allInnerTexts()).toEqual([
        `09:00–09:30\t${early.petName} (${owners(early)})\tDental check\t${vet.displayName}\tConfirmed`,
        `11:00–11:30\t${late.petName} (${owners(late)})\tDental check\t${vet.displayName}\tConfirmed`,
      ]);
      expect(await page.getByLabel("Day", { exact: true }).inputValue()).toBe(berlin(1, "12:00").slice(0, 10));
      await page.getByRole("button", { name: "Previous day" }).click();
      await page.getByText(/^No bookings on /).waitFor();
      await page.getByRole("button", { name: "Next day" }).click();
      await table.waitFor();

      // The flagged messages, with why and a link to their conversation; cleared or removed, they leave the list.
      const flagged = page.getByRole("list", { name: "Flagged messages" });
      await flagged.waitFor();
      expect(await flagged.getByRole("listitem").allInnerTexts()).toEqual([
        expect.stringMatching(/You are an idiot[\s\S]*Flagged for: abusive language: "idiot"/),
        expect.stringMatching(/What an idiot, honestly[\s\S]*Flagged for: abusive language: "idiot"/),
      ]);
      expect(await flagged.getByRole("link", { name: "Tomorrow" }).first().getAttribute("href")).toBe(
        `/app/messages/${conversationId}`,
      );
      a11y["clinic day and flagged messages"] = await accessibilityProblems(page);
      await screenshot(page, "clinic-day", true);
      await flagged.getByRole("button", { name: `Clear “You are an idiot” from ${owners(late)}` }).click();
      await page.getByRole("status").filter({ hasText: "Cleared: the message stays in its conversation." }).waitFor();
      await flagged.getByText("You are an idiot").waitFor({ state: "detached" });
      expect(await flagged.getByRole("listitem").count()).toBe(1);
      await flagged.getByRole("button", { name: `Remove “What an idiot, honestly” from ${owners(late)}` }).click();
      await page.getByRole("status").filter({ hasText: "Removed: the message's text is gone" }).waitFor();
      await page.getByText("No messages are waiting for review.").waitFor();
      expect(await flagged.count()).toBe(0);
      a11y["clinic, nothing flagged"] = await accessibilityProblems(page);

      // A vet of the clinic: the calendar, but not the admins' review queue.
      const vetPage = await signedIn(clinic.vets[0]!.email, problems);
      await vetPage.getByRole("link", { name: "Clinic", exact: true }).click();
      await vetPage.getByRole("button", { name: "Next day" }).click();
      await vetPage.getByRole("table", { name: /^Bookings on / }).waitFor();
      expect(await vetPage.getByRole("heading", { name: "Flagged messages" }).count()).toBe(0);

      expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((screen) => [screen, []])));
      expect(pageProblems(problems)).toEqual([]);
    },
    180_000,
  );
});
