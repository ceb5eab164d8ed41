// Where a process's CPU went, from a V8 .cpuprofile (`node --cpu-prof`): self time by area (package or
// Node subsystem) and the top functions by self time.
// `node -r @swc-node/register bench/cpuprofile-summary.ts <file.cpuprofile> [top functions, default 25]`
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Areas by the path of the code's file, first match wins; a package not named here is its own area. */
const AREAS: [RegExp, string][] = [
  [/\/node_modules\/undici\//, "HTTP client (undici)"],
  [/\/node_modules\/graphql\//, "graphql-js"],
  [
    /\/node_modules\/@apollo\/(gateway|query-planner|federation-internals|query-graphs)\//,
    "@apollo/gateway (plans, execution, result shaping)",
  ],
  [/\/node_modules\/@apollo\/server\//, "@apollo/server"],
  [/\/node_modules\/(express|router|body-parser|raw-body|finalhandler|send|serve-static)\//, "express"],
  [/\/node_modules\/@apollo\//, "@apollo (other)"],
  [/^node:internal\/(deps\/undici|deps\/undici)/, "HTTP client (Node's undici)"],
  [/^node:internal\/modules\//, "Node module loading (start-up)"],
  [/^node:(internal\/)?(http|_http|net|stream|streams|dns|tls)/, "Node http/net/streams"],
  [/^node:/, "Node (other)"],
  [/\/(gateway|packages|subgraphs)\/[^/]+\/src\/|\/gateway\/src\//, "Pawgraph's own code"],
];

function areaOf({ functionName, url }: ProfileNode["callFrame"]): string {
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(idle)") return "idle";
  if (functionName === "(program)") return "(program: V8/native, unattributed)";
  if (!url && /^(stringify|parse)$/.test(functionName)) return "JSON (parse/stringify)";
  for (const [pattern, area] of AREAS) if (pattern.test(url)) return area;
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return pkg;
  return url ? "other" : `native (${functionName || "anonymous"})`;
}

function main() {
  const [file, topArg] = process.argv.slice(2);
  if (!file) throw new Error("usage: bench/cpuprofile-summary.ts <file.cpuprofile> [top]");
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const idle = [...selfMs].filter(([id]) => nodes.get(id)?.callFrame.functionName === "(idle)");
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0) - idle.reduce((a, [, ms]) => a + ms, 0);
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = nodes.get(id)!.callFrame;
    const area = areaOf(frame);
    if (area === "idle") continue;
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
    const where = frame.url
      ? ` ${frame.url.replace(/^.*\/node_modules\//, "").replace(/^file:\/\/.*?\/tree\//, "")}:${frame.lineNumber + 1}`
      : "";
    const key = `${frame.functionName || "(anonymous)"}${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  const rows = (map: Map<string, number>, top: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, "self ms": Math.round(ms), "%": ((100 * ms) / total).toFixed(1) }));
  console.log(`${Math.round(total)} ms on CPU (idle left out)`);
  console.table(rows(byArea, 30));
  console.table(rows(byFunction, Number(topArg ?? 25)));
}

main();
