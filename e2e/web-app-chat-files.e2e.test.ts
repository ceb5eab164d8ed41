import { startStack } from "./harness";
import { startedConversation } from "./messaging-fixtures";
import { recordSubscriptions, subscribeSent } from "./web-app-subscriptions";
import { accessibilityProblems, browserIt, failWithPages, screenshot, webAppSuite } from "./web-app-page";

/** A 1×1 PNG: an image the conversation previews. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
/** A small PDF (the store checks size and type, not the contents). */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

describe("the web app's chat files: attach, upload to the gateway's own origin, delivered live, downloaded", () => {
  const web = webAppSuite("chat files", {
    // The page may connect to its own origin only (connect-src 'self'): the links messaging hands out
    // start at the gateway serving the app, as PUBLIC_URL makes them start at the one public host.
    stack: () => startStack({ publicUrl: () => new URL(web.gateway.url).origin }),
  });
  const base = () => web.base();
  const signedIn = (email: string, problems: string[]) =>
    web.signedIn(email, problems, { onPage: recordSubscriptions });

  browserIt(
    "the owner sends a photo and a PDF with a message; the vet's open conversation shows them live and downloads the same bytes; a file of a refused type shows the API's words and sends nothing",
    async () => {
      const { owner, vet, conversationId } = await startedConversation(web.stack, {
        subject: "Rash on the belly",
        text: "Rex has a red rash.",
      });
      const problems: string[] = [];
      const ownerPage = await signedIn(owner.email, problems);
      const vetPage = await signedIn(vet.email, problems);
      const uploads: string[] = [];
      ownerPage.on("request", (request) => request.method() === "PUT" && uploads.push(request.url()));
      try {
        await vetPage.goto(`${base()}/app/messages/${conversationId}`);
        const vetLog = vetPage.getByRole("log", { name: "Messages" });
        await vetLog.getByText("Rex has a red rash.").waitFor();
        await ownerPage.goto(`${base()}/app/messages/${conversationId}`);
        const ownerLog = ownerPage.getByRole("log", { name: "Messages" });
        await ownerLog.getByText("Rex has a red rash.").waitFor();
        await subscribeSent(vetPage, "MessageAdded", { conversationId });
        // graphql-ws acknowledges no subscribe: give the gateway a moment to reach messaging.
        await new Promise((done) => setTimeout(done, 1_500));

        // A refused file: the API's words, and nothing is sent.
        await ownerPage
          .getByLabel("Attach a file")
          .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not allowed") });
        await ownerPage.getByRole("button", { name: "Send" }).click();
        const refused = ownerPage.getByRole("alert");
        await refused.waitFor();
        expect(await refused.textContent()).toMatch(
          /^notes\.txt: Invalid value for contentType: must be one of image\/jpeg,/,
        );
        expect(uploads).toEqual([]);

        // A photo and a PDF with a message: uploaded through the app's own gateway, then sent.
        await ownerPage.getByLabel("Your message").fill("Photo and the lab report.");
        await ownerPage.getByLabel("Attach a file").setInputFiles([
          { name: "rash.png", mimeType: "image/png", buffer: PNG },
          { name: "lab-report.pdf", mimeType: "application/pdf", buffer: PDF },
        ]);
        await ownerPage.getByRole("button", { name: "Send" }).click();
        await ownerLog.getByText("Photo and the lab report.").waitFor();
        expect(await refused.count()).toBe(0);
        expect(uploads).toEqual([
          expect.stringMatching(new RegExp(`^${base()}/files/messaging/`)),
          expect.stringMatching(new RegExp(`^${base()}/files/messaging/`)),
        ]);

        // The vet sees it live: the text, each file by name and size, the photo previewed.
        const sent = vetLog.locator(".chat > li").filter({ hasText: "Photo and the lab report." });
        await sent.waitFor();
        const files = sent.getByRole("list", { name: "Files" });
        expect(await files.getByRole("listitem").allTextContents()).toEqual([
          `rash.png (${PNG.length} B)`,
          `lab-report.pdf (${PDF.length} B)`,
        ]);
        // The preview is decorative (alt=""): the link names the file.
        expect(await files.locator("img").count()).toBe(1);
        // The preview loads (the page's img-src 'self'): decode() waits for it and fails on a broken image.
        const previewWidth = await files.locator("img").evaluate((img) => {
          const image = img as unknown as { decode(): Promise<void>; naturalWidth: number };
          return image.decode().then(() => image.naturalWidth);
        });
        expect(previewWidth).toBe(1);
        // Only two messages in the conversation: the refused attempt sent nothing.
        expect(await vetLog.locator(".chat > li").count()).toBe(2);

        // The vet downloads each from the page (the app's connect-src 'self') and gets the bytes sent.
        for (const [name, bytes] of [
          ["rash.png", PNG],
          ["lab-report.pdf", PDF],
        ] as const) {
          const href = await files.getByRole("link", { name }).getAttribute("href");
          expect(href).toMatch(new RegExp(`^${base()}/files/messaging/`));
          const got = await vetPage.evaluate(async (url) => {
            const response = await fetch(url);
            return { status: response.status, bytes: Array.from(new Uint8Array(await response.arrayBuffer())) };
          }, href!);
          expect(got).toEqual({ status: 200, bytes: Array.from(bytes) });
        }

        // A file alone, with no text, is a message too (SendMessageInput.text may be left out when files are sent).
        await ownerPage
          .getByLabel("Attach a file")
          .setInputFiles({ name: "x-ray.png", mimeType: "image/png", buffer: PNG });
        await ownerPage.getByRole("button", { name: "Send" }).click();
        await vetLog.getByRole("link", { name: "x-ray.png" }).waitFor();
        expect(await vetLog.locator(".chat > li").count()).toBe(3);

        const a11y = {
          "conversation with files (vet)": await accessibilityProblems(vetPage),
          "conversation with files (owner)": await accessibilityProblems(ownerPage),
        };
        await screenshot(vetPage, "chat-files", true);
        expect(a11y).toEqual({ "conversation with files (vet)": [], "conversation with files (owner)": [] });
        // The refusal is the API's 200 with an error; a 404 is the app's favicon.
        expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
      } catch (error) {
        await failWithPages(error, [ownerPage, vetPage], problems);
      } finally {
        await ownerPage.context().close();
        await vetPage.context().close();
      }
    },
    240_000,
  );
});
