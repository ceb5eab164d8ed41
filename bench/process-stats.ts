// What a bench process reads about itself: memory after garbage collection, open file descriptors.
import { readFileSync, readdirSync } from "node:fs";

/** Memory after full collections, with a pause in between so freed pages can go back to the OS (RSS). Needs --expose-gc. */
export async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 300));
  gc?.();
  return process.memoryUsage();
}

/** The soft and hard open-files limits and how many descriptors this process holds (Linux /proc), or undefined elsewhere. */
export function fileDescriptors(): { soft: number; hard: number; open: number } | undefined {
  try {
    const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(readFileSync("/proc/self/limits", "utf8"));
    if (!match) return undefined;
    const limit = (value: string) => (value === "unlimited" ? Infinity : Number(value));
    return { soft: limit(match[1]!), hard: limit(match[2]!), open: readdirSync("/proc/self/fd").length };
  } catch {
    return undefined;
  }
}
