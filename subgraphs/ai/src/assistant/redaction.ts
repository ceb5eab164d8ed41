/** Provisional: replaced by the full redactor (libphonenumber-js) when merged. */
export function redactPii(text: string): { text: string; redactions: { kind: string; count: number }[] } {
  const out = text.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, "[email]").replace(/\+?\d[\d\s().-]{8,}\d/g, "[phone]");
  return { text: out, redactions: [] };
}
