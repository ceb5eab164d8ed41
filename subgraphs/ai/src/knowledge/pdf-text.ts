import { Worker } from "node:worker_threads";

/** Longest a PDF may take to read; past it the worker is stopped and the file refused. */
const PDF_TIMEOUT_MS = 30_000;

/**
 * Runs in a worker thread: unpdf (Mozilla's pdf.js packaged for servers) loads its pdf.js bundle
 * with a dynamic `import()` of an ES module, which a Jest sandbox (CommonJS, no VM modules) cannot
 * do; a worker is a plain Node thread, where it can. It also keeps a large or hostile PDF off the
 * event loop, and its heap bounded.
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { extractText, getDocumentProxy } = require(workerData.unpdf);
(async () => {
  let pdf;
  try {
    pdf = await getDocumentProxy(workerData.bytes, { verbosity: 0 });
  } catch {
    return parentPort.postMessage({ pages: null });
  }
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    parentPort.postMessage({ pages: text });
  } catch {
    parentPort.postMessage({ pages: null });
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
})();
`;

/**
 * The text of a PDF, pages in order and separated by blank lines (the chunker splits there). Null
 * when the bytes are not a PDF pdf.js can read in time; "" when it has no text layer (a scan).
 */
export async function pdfText(bytes: Uint8Array): Promise<string | null> {
  const pages = await new Promise<string[] | null>((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { bytes, unpdf: require.resolve("unpdf") },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve(null);
    }, PDF_TIMEOUT_MS);
    worker.once("message", (message: { pages: string[] | null }) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(message.pages);
    });
    worker.once("error", (error: Error & { code?: string }) => {
      clearTimeout(timer);
      // A PDF that exhausts the worker's heap is the file's fault; anything else is ours.
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") resolve(null);
      else reject(error);
    });
    // Ended without an answer (terminated): settled already, or the file could not be read.
    worker.once("exit", () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  if (!pages) return null;
  return pages
    .map((page) => page.replace(/[ \t]+\n/g, "\n").trim())
    .filter(Boolean)
    .join("\n\n");
}
