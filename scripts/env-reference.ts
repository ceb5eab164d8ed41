// `npm run env-reference` (part of `npm run generate`): every environment variable the processes read,
// found in their TypeScript with the compiler API, → docs/configuration.md, .env.example and the README's
// production list. The code is the source: a variable's default is its literal fallback, its description the
// comment nearest to where it is read (docs/decisions/0059-configuration-reference.md).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generatedFiles } from "./env-reference/render";
import { ROOT } from "./env-reference/types";

export * from "./env-reference/types";
export { collectVariables, processEntries, START } from "./env-reference/collect";
export * from "./env-reference/render";

if (require.main === module) {
  const files = generatedFiles();
  for (const [path, text] of files) writeFileSync(join(ROOT, path), text);
  console.log(`Wrote ${[...files.keys()].join(", ")}`);
}
