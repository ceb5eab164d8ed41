import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Express } from "express";
import { REQUEST_ID_HEADER, type Logger } from "@pawgraph/subgraph-kit/src/edge";

/** The path of reports' signed CSV links, the same at the gateway and at reports. */
export const REPORT_EXPORT_PATH = "/reports/export.csv";

/**
 * Signed report downloads (`exportReport` links) are served at the gateway's public address and
 * forwarded to reports with their query string unchanged; reports checks the signature and expiry
 * and streams the CSV, which is passed through as it arrives. The wait for reports to answer is
 * bounded; the stream itself is not cut short once it has begun.
 */
export function reportExportRoutes(
  app: Express,
  options: { reports: () => string | undefined; timeoutMs: number; log: Logger },
): void {
  app.get(REPORT_EXPORT_PATH, async (req, res) => {
    const graphqlUrl = options.reports();
    if (!graphqlUrl) {
      res.status(404).type("text/plain").send("No reports service");
      return;
    }
    const target = new URL(REPORT_EXPORT_PATH, graphqlUrl);
    const queryAt = req.originalUrl.indexOf("?");
    if (queryAt >= 0) target.search = req.originalUrl.slice(queryAt);
    const headers: Record<string, string> = {};
    const requestId = req.header(REQUEST_ID_HEADER);
    if (requestId && /^[\w-]{1,64}$/.test(requestId)) headers[REQUEST_ID_HEADER] = requestId;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), options.timeoutMs);
    try {
      const answer = await fetch(target, { headers, signal: abort.signal });
      clearTimeout(timer);
      res.status(answer.status);
      for (const name of ["content-type", "content-disposition", "cache-control"]) {
        const value = answer.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      if (!answer.body) {
        res.end();
        return;
      }
      Readable.fromWeb(answer.body as WebReadableStream<Uint8Array>)
        .on("error", (error) => {
          options.log.warn({ err: error }, "report export stream from reports failed");
          res.destroy(error);
        })
        .pipe(res);
    } catch (error) {
      clearTimeout(timer);
      options.log.warn({ err: error }, "report export could not be forwarded to reports");
      res.status(502).type("text/plain").send("Reports service unavailable; retry later");
    }
  });
}
