import { PDFDocument, StandardFonts } from "pdf-lib";
import { pdfText } from "./pdf-text";

async function pdfOf(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage();
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 750 - i * 18, size: 11, font }));
  }
  return doc.save();
}

describe("pdfText", () => {
  it("reads a PDF's text layer, pages in order, separated by blank lines", async () => {
    const text = await pdfText(await pdfOf([["Hedgehogs must not hibernate."], ["Keep them warm."]]));
    expect(text).toBe("Hedgehogs must not hibernate.\n\nKeep them warm.");
  });

  it('is "" for a PDF without text and null for bytes that are not a PDF', async () => {
    expect(await pdfText(await pdfOf([[]]))).toBe("");
    expect(await pdfText(new TextEncoder().encode("not a pdf at all"))).toBeNull();
  });
});
