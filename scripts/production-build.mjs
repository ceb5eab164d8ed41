// The tree a production container runs (docs/decisions/0062-production-image-without-dev-dependencies.md):
// `node scripts/production-build.mjs <out> [--install [--offline | --prefer-offline]] [--reuse]` writes into <out> every server workspace
// (packages/*, subgraphs/*, gateway) with its TypeScript compiled to CommonJS by swc, as the development loader
// (@swc-node/register) compiles it, plus the files the processes read at run time. With --install it then
// installs production dependencies only there (`npm ci --omit=dev`), so the tree starts with
// `node src/main.js` in a workspace and holds no compiler, test tool or dev package. The Dockerfile's runtime
// image is this tree; e2e/read-only-production.e2e.test.ts boots every process from it.
// Plain ESM: it needs only @swc/core, which the build stage (a full `npm ci`) has. bench/gateways/build.mjs imports
// productionBuild and compileTypeScript to run the gateway bench on the same tree.
import { transformFile } from "@swc/core";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Read by the processes at run time, outside their workspaces' src (paths from the repository root). */
const RUNTIME_FILES = [
  "supergraph.graphql", // the gateway's default SUPERGRAPH_PATH
  "supergraph.yaml", // scripts/healthcheck.mjs reads the processes' default ports from it
  "scripts/healthcheck.mjs",
  "clients/__generated__/persisted-documents.json", // the gateway's trusted documents
  "clients/__generated__/web/persisted-documents.json",
  "subgraphs/ai/knowledge", // the assistant's built-in articles
];
/** Built by `npm run build` when present: the gateway serves it at /app/ (WEB_APP_DIR). */
const WEB_APP_DIST = "clients/web/dist";
/** Workspaces that are not server processes or their libraries: only their manifest is copied (the lockfile names it). */
const CLIENT_WORKSPACES = new Set(["clients/web"]);

/** The root manifest's workspace globs (`dir/*` or a folder) as folders. */
function workspaces() {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return manifest.workspaces.flatMap((pattern) =>
    pattern.endsWith("/*")
      ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter(
            (entry) => entry.isDirectory() && existsSync(join(root, pattern.slice(0, -2), entry.name, "package.json")),
          )
          .map((entry) => `${pattern.slice(0, -2)}/${entry.name}`)
      : [pattern],
  );
}

/** The swc options the development loader uses (.swcrc), writing source maps next to the code. */
export function swcOptions() {
  const { $schema: _schema, ...options } = JSON.parse(readFileSync(join(root, ".swcrc"), "utf8"));
  return { ...options, swcrc: false, sourceMaps: true };
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const isTest = (path) => /\.(test|spec)\.ts$/.test(path) || path.split("/").includes("__tests__");

/** Compiles the TypeScript file `source` to `target` (a .js path) with `options` (swcOptions()), its source map beside it. */
export async function compileTypeScript(source, target, options = swcOptions()) {
  mkdirSync(dirname(target), { recursive: true });
  const { code, map } = await transformFile(source, { ...options, filename: source, sourceFileName: source });
  writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split("/").pop()}.map\n`);
  writeFileSync(`${target}.map`, map);
}

/** A workspace's src compiled into out (tests left out, other files copied), and its manifest pointing at the .js. */
async function buildWorkspace(workspace, out, options) {
  let compiled = 0;
  for (const source of files(join(root, workspace, "src"))) {
    if (isTest(source)) continue;
    const target = join(out, relative(root, source));
    mkdirSync(dirname(target), { recursive: true });
    if (!source.endsWith(".ts") || source.endsWith(".d.ts")) {
      cpSync(source, target);
      continue;
    }
    await compileTypeScript(source, target.replace(/\.ts$/, ".js"), options);
    compiled++;
  }
  const manifest = JSON.parse(readFileSync(join(root, workspace, "package.json"), "utf8"));
  for (const field of ["main", "types"])
    if (typeof manifest[field] === "string") manifest[field] = manifest[field].replace(/\.ts$/, ".js");
  writeFileSync(join(out, workspace, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return compiled;
}

/** The repository's state: HEAD, the diff from it and the untracked files (names and contents); undefined without git. */
function sourceStamp() {
  try {
    const git = (...args) => execFileSync("git", args, { cwd: root, maxBuffer: 256 * 2 ** 20, stdio: "pipe" });
    const hash = createHash("sha256")
      .update(git("rev-parse", "HEAD"))
      .update(git("diff", "HEAD", "--binary"));
    for (const path of git("ls-files", "--others", "--exclude-standard", "-z").toString().split("\0").filter(Boolean))
      hash.update(path).update(existsSync(join(root, path)) ? readFileSync(join(root, path)) : "");
    return hash.digest("hex");
  } catch {
    return undefined;
  }
}

/** Written last into a tree built with `reuse`: the sources it was built from. */
const STAMP_FILE = ".production-build-stamp";

/**
 * Writes the production tree into `out`; with `install`, installs its production dependencies there, passing
 * `npmFlags` (e.g. "--prefer-offline") to npm. With `reuse`, a tree already in `out` built (and installed) from
 * the same sources (git HEAD, uncommitted changes, untracked files) is kept as it is, and any other is replaced:
 * for the gateway bench and the read-only boot test, which would otherwise rebuild it on every run. Returns
 * whether it built.
 */
export async function productionBuild(out, { install = false, npmFlags = [], reuse = false } = {}) {
  const stamp = reuse ? sourceStamp() : undefined;
  const stampFile = join(out, STAMP_FILE);
  if (stamp && existsSync(stampFile) && readFileSync(stampFile, "utf8") === `${stamp} install=${install}`) {
    console.log(`production-build: reusing ${out}, built from these sources`);
    return false;
  }
  if (reuse) rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const options = swcOptions();
  let compiled = 0;
  for (const workspace of workspaces()) {
    mkdirSync(join(out, workspace), { recursive: true });
    if (CLIENT_WORKSPACES.has(workspace))
      cpSync(join(root, workspace, "package.json"), join(out, workspace, "package.json"));
    else compiled += await buildWorkspace(workspace, out, options);
  }
  for (const path of ["package.json", "package-lock.json", ".npmrc", ...RUNTIME_FILES])
    cpSync(join(root, path), join(out, path), { recursive: true });
  if (existsSync(join(root, WEB_APP_DIST)))
    cpSync(join(root, WEB_APP_DIST), join(out, WEB_APP_DIST), { recursive: true });
  console.log(`production-build: ${compiled} files compiled into ${out}`);

  if (install) {
    // Install scripts stay off, as the root manifest's allowScripts keeps them off in development; the web app's
    // dependencies are left out (its build is static files).
    const server = workspaces().filter((workspace) => !CLIENT_WORKSPACES.has(workspace));
    const flags = [
      "--omit=dev",
      "--ignore-scripts",
      "--no-audit",
      "--no-fund",
      ...npmFlags,
      ...server.map((workspace) => `--workspace=${workspace}`),
    ];
    try {
      execFileSync("npm", ["ci", ...flags], { cwd: out, stdio: "inherit" });
    } catch {
      // A lockfile written through a registry mirror can lack other platforms' optional binaries, which `npm ci`
      // rejects; `npm install` installs the same locked versions.
      console.error(
        "production-build: npm ci rejected package-lock.json; installing its locked versions with npm install",
      );
      execFileSync("npm", ["install", ...flags], { cwd: out, stdio: "inherit" });
    }
  }
  if (stamp) writeFileSync(stampFile, `${stamp} install=${install}`);
  return true;
}

async function main() {
  const args = process.argv.slice(2);
  const out = args.find((arg) => !arg.startsWith("--"));
  if (!out) {
    console.error(
      "usage: node scripts/production-build.mjs <out> [--install [--offline | --prefer-offline]] [--reuse]",
    );
    process.exit(2);
  }
  await productionBuild(out, {
    install: args.includes("--install"),
    reuse: args.includes("--reuse"),
    npmFlags: args.filter((arg) => arg === "--offline" || arg === "--prefer-offline"),
  });
}

// A command when run (`node scripts/production-build.mjs`), a module when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
