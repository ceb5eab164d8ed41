// Container health check of one Pawgraph process: `node /app/scripts/healthcheck.mjs [path]` exits 0 when the process
// in this container answers 2xx at http://127.0.0.1:<port><path> within 4 s, 1 otherwise. The path defaults to
// /healthz (liveness: the Dockerfile's HEALTHCHECK); docker-compose.yml passes /readyz so a service starts only after
// the ones it depends on can serve. The port is PORT, else <NAME>_PORT, else the process's default: its routing_url
// in supergraph.yaml (4000 for the gateway), the process named by the working directory (the image's WORKDIR is its
// workspace). Plain ESM with no dependencies: it runs in any image of this repository, with or without dev packages.
// `--print-url` prints the URL instead of fetching it.
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** `routing_url` ports of supergraph.yaml's subgraphs, read line by line (the file is rover's flat format). */
function supergraphPorts() {
  const ports = {};
  let current;
  for (const line of readFileSync(join(root, "supergraph.yaml"), "utf8").split("\n")) {
    const name = /^ {2}([\w-]+):\s*$/.exec(line)?.[1];
    if (name) current = name;
    const port = /^\s+routing_url:\s*\S+?:(\d+)\//.exec(line)?.[1];
    if (current && port) ports[current] = Number(port);
  }
  return ports;
}

function port(name) {
  const fromEnv = process.env.PORT || process.env[`${name.toUpperCase().replace(/-/g, "_")}_PORT`];
  if (fromEnv) return Number(fromEnv);
  if (name === "gateway") return 4000;
  const fromSupergraph = supergraphPorts()[name];
  if (fromSupergraph) return fromSupergraph;
  throw new Error(`no port for "${name}": set PORT (the working directory should be the process's workspace)`);
}

const args = process.argv.slice(2);
const path = args.find((arg) => arg.startsWith("/")) ?? "/healthz";
let url;
try {
  url = `http://127.0.0.1:${port(basename(process.cwd()))}${path}`;
} catch (error) {
  console.error(`healthcheck: ${error.message}`);
  process.exit(1);
}
if (args.includes("--print-url")) {
  console.log(url);
  process.exit(0);
}
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4000) });
  if (!response.ok) console.error(`healthcheck: ${url} answered ${response.status}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`healthcheck: ${url} failed: ${error.cause?.code ?? error.message}`);
  process.exit(1);
}
