// The gateway bench runs the gateways as production does (docs/decisions/0049, 0062): compiled JavaScript
// started with plain `node`, not TypeScript through the development loader (which costs ~70 MB of RSS).
// `node bench/gateways/build.mjs` writes production's tree into .data/bench-gateways/tree
// (scripts/production-build.mjs, production dependencies only) and compiles the bench's gateway entries into
// its bench/gateways, where `@pawgraph/gateway` and `@apollo/gateway` resolve to the tree's node_modules.
// The tree is reused while the repository's commit and uncommitted changes are those it was built from.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileTypeScript, productionBuild } from "../../scripts/production-build.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../..");
export const TREE = join(root, ".data/bench-gateways/tree");
/** The bench's gateway processes (and what they import from the bench), compiled into the tree. */
const ENTRIES = ["apollo-gateway.ts", "pawgraph-gateway.ts", "pawgraph-config.ts"];

/** The repository's state: HEAD, the diff from it and the untracked files (names and contents); undefined without git. */
function sourceStamp() {
  try {
    return gitStamp();
  } catch {
    return undefined;
  }
}

function gitStamp() {
  const git = (...args) => execFileSync("git", args, { cwd: root, maxBuffer: 256 * 2 ** 20 });
  const hash = createHash("sha256")
    .update(git("rev-parse", "HEAD"))
    .update(git("diff", "HEAD", "--binary"));
  for (const path of git("ls-files", "--others", "--exclude-standard", "-z").toString().split("\0").filter(Boolean))
    hash.update(path).update(existsSync(join(root, path)) ? readFileSync(join(root, path)) : "");
  return hash.digest("hex");
}

export async function buildBenchTree() {
  const stampFile = join(TREE, ".bench-stamp");
  const stamp = sourceStamp();
  if (stamp && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) {
    console.log(`bench-gateways: reusing the production tree in ${TREE}`);
  } else {
    rmSync(TREE, { recursive: true, force: true });
    await productionBuild(TREE, { install: true, npmFlags: ["--prefer-offline"] });
    if (stamp) writeFileSync(stampFile, stamp);
  }
  for (const entry of ENTRIES)
    await compileTypeScript(join(here, entry), join(TREE, "bench/gateways", entry.replace(/\.ts$/, ".js")));
  return TREE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBenchTree();
