// What the deployment tests (docker-compose.test.ts, k8s.test.ts) read from the repository: supergraph.yaml's
// subgraphs and a few parsers shared by both.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";

export const root = resolve(__dirname, "..");

export const readYaml = <T>(file: string): T =>
  parse(readFileSync(join(root, file), "utf8"), { merge: true, uniqueKeys: true }) as T;

interface Supergraph {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

export const supergraph = readYaml<Supergraph>("supergraph.yaml");

/** Each subgraph of supergraph.yaml with its port and the variable the gateway reads its URL from. */
export const subgraphs = Object.entries(supergraph.subgraphs ?? {}).map(([name, config]) => ({
  name,
  port: Number(new URL(config.routing_url).port),
  urlVariable: `${name.toUpperCase().replace(/-/g, "_")}_URL`,
}));

/** Every process the deployment runs from this repository's Dockerfile: the subgraphs and the gateway. */
export const processes = [...subgraphs, { name: "gateway", port: 4000, urlVariable: "GATEWAY_URL" }];

/** `--name value` pairs of a redis-server command line, e.g. `appendonly` → `yes`. */
export function redisOptions(args: string | string[] | undefined): Record<string, string> {
  const words = Array.isArray(args) ? args : (args ?? "").split(/\s+/);
  const options: Record<string, string> = {};
  words.forEach((word, i) => {
    if (word.startsWith("--")) options[word.slice(2)] = words[i + 1] ?? "";
  });
  return options;
}
