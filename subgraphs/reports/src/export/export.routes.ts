import { stringify } from "csv-stringify";
import type { Express } from "express";
import type { Logger } from "@pawgraph/subgraph-kit";
import { neutraliseCell } from "./csv-cells";
import type { ExportSigner } from "./export-signer";
import { EXPORT_PATH, type ExportService } from "./export.service";

/**
 * GET /reports/export.csv?…&sig=…: a signed link from `exportReport` (the gateway forwards it here).
 * A link that is incomplete, altered or expired gets 403 and no data. The CSV is streamed: UTF-8
 * with a byte-order mark (so spreadsheets read it as UTF-8), a header row, and text cells
 * neutralised against formula injection.
 */
export function exportRoutes(
  app: Express,
  options: { signer: ExportSigner; exports: ExportService; log: Logger },
): void {
  app.get(EXPORT_PATH, async (req, res) => {
    const query = new URLSearchParams(req.url.slice(req.url.indexOf("?") + 1 || req.url.length));
    const request = options.signer.verify(query, Date.now());
    if (typeof request === "string") {
      options.log.info({ refused: request }, "report export link refused");
      res
        .status(403)
        .type("text/plain")
        .send(request === "expired" ? "This link has expired" : "This link is not valid");
      return;
    }
    let table;
    try {
      table = await options.exports.table(request);
    } catch (error) {
      options.log.error({ err: error }, "report export failed");
      res.status(503).type("text/plain").send("The report is unavailable; try again shortly");
      return;
    }
    res.status(200);
    res.setHeader("content-type", "text/csv; charset=utf-8");
    res.setHeader("content-disposition", `attachment; filename="${options.exports.fileName(request)}"`);
    res.setHeader("cache-control", "private, no-store");
    const csv = stringify({
      bom: true,
      header: true,
      columns: table.columns,
      cast: { string: (value) => neutraliseCell(value) },
    });
    csv.pipe(res);
    csv.on("error", (error) => {
      options.log.error({ err: error }, "report export stream failed");
      res.destroy(error);
    });
    for await (const row of table.rows) {
      if (!csv.write(row)) await new Promise((resolve) => csv.once("drain", resolve));
    }
    csv.end();
  });
}
