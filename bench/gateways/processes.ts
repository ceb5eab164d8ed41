// Child processes of the gateway bench: started pinned to one CPU (taskset, when there is one), and
// measured from the outside through /proc, the same way for a Node gateway we wrote and one we did not.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus } from "node:os";

const TASKSET = spawnSync("taskset", ["--version"]).status === 0;
/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ: 100 on every Linux we run). */
const TICKS_PER_SECOND = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;

/** Whether processes can be pinned: taskset installed and at least two CPUs to keep them apart. */
export const PINNING = TASKSET && cpus().length >= 2;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const running = new Set<ChildProcess>();

/** Ends every process spawnPinned started that is still running. */
export function stopAll(): void {
  for (const child of running) child.kill();
}

/** Runs `command` on CPU `cpu` (taskset execs it: the pid is the command's), output to this process's stderr. */
export function spawnPinned(
  cpu: number,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ipc = false,
): ChildProcess {
  const [file, argv] = PINNING ? ["taskset", ["-c", String(cpu), command, ...args]] : [command, args];
  const child = spawn(file, argv, { env, stdio: ["ignore", "inherit", "inherit", ...(ipc ? ["ipc" as const] : [])] });
  running.add(child);
  child.on("exit", () => running.delete(child));
  return child;
}

/** Node with TypeScript through @swc-node/register, as the rest of the bench runs. */
export function nodeTs(script: string): [string, string[]] {
  return [process.execPath, ["-r", "@swc-node/register", script]];
}

/** Waits until `url` answers `{ __typename }` with 200, or fails after `timeoutMs`. */
export async function waitForGraphQL(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`);
    const ok = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** `pid` and its descendants (a gateway CLI may fork workers), from /proc's parent links. */
function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = statFields(Number(entry))?.[1];
    if (ppid === undefined) continue;
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]!) ?? []));
  return tree;
}

/** /proc/<pid>/stat's fields after the command name (state, ppid, ...), or undefined once the process is gone. */
function statFields(pid: number): number[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) spent so far by `pid` and its descendants. */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, 12 and 13 after the command name.
  for (const member of processTree(pid)) {
    const fields = statFields(member);
    if (fields) ticks += fields[11]! + fields[12]!;
  }
  return ticks / TICKS_PER_SECOND;
}

/** Resident memory in bytes of `pid` and its descendants (VmRSS). */
export function rssBytes(pid: number): number {
  let kb = 0;
  for (const member of processTree(pid)) {
    try {
      kb += Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${member}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return kb * 1024;
}
