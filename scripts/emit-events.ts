// `npm run emit-events` (part of `npm run generate`): each published event's contract →
// events/<source>/<name>.v<version>.json, and contract files of events no longer published removed.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { committedContractFiles, contractFiles } from "./event-contracts";
import { ROOT } from "./supergraph";

const files = contractFiles();
for (const stale of committedContractFiles().filter((path) => !files.has(path))) {
  rmSync(resolve(ROOT, stale));
  console.log(`Removed ${stale}`);
}
for (const [path, text] of files) {
  mkdirSync(dirname(resolve(ROOT, path)), { recursive: true });
  writeFileSync(resolve(ROOT, path), text);
}
console.log(`Wrote ${files.size} event contracts under events/`);
