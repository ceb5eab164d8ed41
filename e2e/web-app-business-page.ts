import type { Browser, Page } from "playwright-core";
import { PASSWORD, eventually } from "./harness";
import { WEB_TIMEOUT_MS } from "./web-app-page";

/** What the vendor and admin browser tests share (e2e/web-app-business*.e2e.test.ts). */

/** A fresh browser context (its own localStorage) signed in through the sign-in screen, with problems collected. */
export async function signedInPage(browser: Browser, base: string, email: string, problems: string[]): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(WEB_TIMEOUT_MS);
  page.on("console", (message) => message.type() === "error" && problems.push(`${email}: ${message.text()}`));
  page.on("pageerror", (error) => problems.push(`${email}: ${error.message}`));
  await page.goto(`${base}/app/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "My pets" }).waitFor();
  return page;
}

/** Rethrows `error` with what each page shows and the problems seen, so a failure says where the app was. */
export async function failWithPages(error: unknown, pages: Page[], problems: string[]): Promise<never> {
  const shown = await Promise.all(
    pages.map((page) =>
      page
        .locator("body")
        .innerText()
        .catch(() => "?"),
    ),
  );
  throw new Error(
    `${(error as Error).message}\nThe pages show: ${JSON.stringify(shown)}\nProblems: ${JSON.stringify(problems)}`,
    { cause: error },
  );
}

/** The rows of the table captioned `caption`, each row's cells joined by " | ". */
export async function tableRows(page: Page, caption: string): Promise<string[]> {
  const table = page.getByRole("table", { name: caption });
  await table.waitFor();
  return table.getByRole("row").evaluateAll((trs) =>
    trs.map((tr) =>
      Array.from((tr as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells)
        .map((cell) => (cell.textContent ?? "").trim())
        .join(" | "),
    ),
  );
}

/** Waits until the table captioned `caption` shows `expected` (a refetch after a mutation), then compares. */
export async function expectRows(page: Page, caption: string, expected: string[]): Promise<void> {
  const same = (shown: string[]) => JSON.stringify(shown) === JSON.stringify(expected);
  expect(await eventually(() => tableRows(page, caption), same, WEB_TIMEOUT_MS)).toEqual(expected);
}
