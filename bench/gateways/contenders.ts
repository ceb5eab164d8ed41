// Starting what bench/gateways/run.ts measures: the Guild subgraphs on one CPU, each gateway on the other.
// The gateways run as production runs Pawgraph's: compiled JavaScript under plain `node` (bench/gateways/build.mjs).
import { spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { freePort, nodeTs, spawnPinned, waitForGraphQL } from "./processes";
import { supergraphFor } from "./workload";

const ROOT = resolve(__dirname, "../..");
const WORK_DIR = join(ROOT, ".data/bench-gateways");
/** Hive Gateway is installed here at run time, never into the repo's package.json (BENCH_HIVE=1). */
const HIVE_PREFIX = join(ROOT, ".data/bench-hive");
/** Production's tree with the bench's entries compiled into it, as bench/gateways/build.mjs writes it. */
const TREE = join(WORK_DIR, "tree");
/** Node flags for Pawgraph's gateway (e.g. "--max-semi-space-size=32"), as the stack bench's gateway takes them. */
const NODE_ARGS = (process.env.BENCH_GATEWAY_NODE_ARGS ?? "").split(" ").filter(Boolean);
/**
 * Flag sets to compare, `;`-separated (e.g. "--max-semi-space-size=32;--max-semi-space-size=64"): each adds a
 * Pawgraph gateway without shared fetches run with those flags, measured in the same interleaved rounds.
 */
const NODE_ARGS_VARIANTS = (process.env.BENCH_GATEWAYS_NODE_ARGS_VARIANTS ?? "")
  .split(";")
  .map((set) => set.split(" ").filter(Boolean))
  .filter((set) => set.length > 0);
const GATEWAY_CPU = 0;
const SUBGRAPHS_CPU = 1;

export interface Contender {
  name: string;
  /** Where the TestQuery is sent. */
  url: string;
  child: ChildProcess;
}

export interface Subgraphs {
  url: string;
  child: ChildProcess;
  /** GraphQL requests the subgraphs served so far. */
  fetches: () => Promise<number>;
}

export async function startSubgraphs(): Promise<Subgraphs> {
  const [node, args] = nodeTs(join(__dirname, "subgraphs/main.ts"));
  const child = spawnPinned(SUBGRAPHS_CPU, node, args, { ...process.env, PORT: "0" }, true);
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (message: { url: string }) => resolve(message.url));
    child.once("exit", (code) => reject(new Error(`the subgraphs exited (${code}) before listening`)));
  });
  return {
    url,
    child,
    fetches: async () => Number(await (await fetch(`${url}/fetches`)).text()),
  };
}

/** The committed supergraph routed to `subgraphsUrl`, in a file every gateway can read. */
export function writeSupergraph(subgraphsUrl: string): string {
  mkdirSync(WORK_DIR, { recursive: true });
  const path = join(WORK_DIR, "supergraph.graphql");
  writeFileSync(path, supergraphFor(subgraphsUrl));
  return path;
}

/** Installs Hive Gateway under .data/bench-hive; its CLI's path, or why not. */
function installHive(): { cli: string } | { skipped: string } {
  const bin = join(HIVE_PREFIX, "node_modules/.bin/hive-gateway");
  if (!existsSync(bin)) {
    console.log("installing @graphql-hive/gateway into .data/bench-hive ...");
    const install = spawnSync(
      "npm",
      ["install", "--prefix", HIVE_PREFIX, "--no-audit", "--no-fund", "--no-save", "@graphql-hive/gateway"],
      { encoding: "utf8", timeout: 300_000 },
    );
    if (install.status !== 0 || !existsSync(bin))
      return { skipped: `npm install failed: ${(install.stderr || install.error?.message || "").trim().slice(-300)}` };
  }
  return { cli: realpathSync(bin) };
}

/** Builds the tree (or reuses it) in a process of its own: plain ESM that imports scripts/production-build.mjs. */
function buildTree(): void {
  const build = spawnSync(process.execPath, [join(__dirname, "build.mjs")], { stdio: "inherit" });
  if (build.status !== 0) throw new Error(`bench/gateways/build.mjs failed (${build.status ?? build.signal})`);
}

/** `node <flags> <entry>.js` for one of the bench's entries compiled into the tree. */
const compiled = (entry: string, flags: string[] = []): [string, string[]] => [
  process.execPath,
  [...flags, join(TREE, "bench/gateways", entry)],
];

async function startContender(name: string, url: string, port: number, command: [string, string[]], env = {}) {
  const child = spawnPinned(GATEWAY_CPU, command[0], command[1], {
    ...process.env,
    NODE_ENV: "production",
    LOG_LEVEL: "error",
    PORT: String(port),
    ...env,
  });
  try {
    await waitForGraphQL(url, child);
  } catch (error) {
    child.kill();
    throw error;
  }
  return { name, url, child };
}

/** Vanilla @apollo/gateway, Pawgraph's gateway (with and without shared fetches) and, with BENCH_HIVE=1, Hive Gateway (skipped, with the reason, when it cannot be installed). */
export async function startContenders(supergraphFile: string): Promise<Contender[]> {
  buildTree();
  const contenders: Contender[] = [];
  const env = { SUPERGRAPH_FILE: supergraphFile };
  let port = await freePort();
  contenders.push(
    await startContender("apollo-gateway", `http://127.0.0.1:${port}/`, port, compiled("apollo-gateway.js"), env),
  );
  // Pawgraph twice: as configured by default, and without sharing identical in-flight subgraph
  // fetches (docs/decisions/0053), which on 50 connections sending one query saves most of the work.
  for (const [name, dedup, flags] of [
    ["pawgraph (no dedup)", "false", NODE_ARGS],
    ["pawgraph", "true", NODE_ARGS],
    ...NODE_ARGS_VARIANTS.map((set) => [`pawgraph (no dedup) ${set.join(" ")}`, "false", set] as const),
  ] as const) {
    port = await freePort();
    contenders.push(
      await startContender(
        name,
        `http://127.0.0.1:${port}/graphql`,
        port,
        compiled("pawgraph-gateway.js", [...flags]),
        { ...env, SUBGRAPH_FETCH_DEDUP: dedup },
      ),
    );
  }
  if (process.env.BENCH_HIVE === "1") {
    const hive = installHive();
    if ("skipped" in hive) console.log(`hive-gateway skipped: ${hive.skipped}`);
    else {
      port = await freePort();
      const cli: [string, string[]] = [
        process.execPath,
        [hive.cli, "supergraph", supergraphFile, "--host", "127.0.0.1", "--port", String(port)],
      ];
      await startContender("hive-gateway", `http://127.0.0.1:${port}/graphql`, port, cli).then(
        (hiveGateway) => contenders.push(hiveGateway),
        (error: unknown) => console.log(`hive-gateway skipped: ${(error as Error).message}`),
      );
    }
  }
  return contenders;
}
