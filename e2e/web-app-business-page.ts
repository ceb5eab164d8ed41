import type { Page } from "playwright-core";
import { eventually } from "./harness";
import { WEB_TIMEOUT_MS } from "./web-app-page";

/** What the vendor and admin browser tests share (e2e/web-app-business*.e2e.test.ts). */

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
