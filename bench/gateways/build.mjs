// The gateway bench runs the gateways as production does (docs/decisions/0049, 0062): compiled JavaScript
// started with plain `node`, not TypeScript through the development loader (which costs ~70 MB of RSS).
// `node bench/gateways/build.mjs` writes production's tree into .data/bench-gateways/tree
// (scripts/production-build.mjs, production dependencies only) and compiles the bench's gateway entries into
// its bench/gateways, where `@pawgraph/gateway` and `@apollo/gateway` resolve to the tree's node_modules.
// The tree is reused while the repository's commit and uncommitted changes are those it was built from.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileTypeScript, productionBuild } from "../../scripts/production-build.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../..");
export const TREE = join(root, ".data/bench-gateways/tree");
/** The bench's gateway processes (and what they import from the bench), compiled into the tree. */
const ENTRIES = ["apollo-gateway.ts", "pawgraph-gateway.ts", "pawgraph-config.ts"];

export async function buildBenchTree() {
  await productionBuild(TREE, { install: true, npmFlags: ["--prefer-offline"], reuse: true });
  for (const entry of ENTRIES)
    await compileTypeScript(join(here, entry), join(TREE, "bench/gateways", entry.replace(/\.ts$/, ".js")));
  return TREE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBenchTree();
