import type { Logger } from "@pawgraph/subgraph-kit";
import type { StockService } from "./stock.service";

/**
 * Deletes expired reservations every `intervalMs` (reserve also sweeps the levels it touches, so
 * this only keeps the table small and `stockLevels.reserved` exact between checkouts). The timer is
 * unref'd, never overlaps itself, and `stop` waits for a sweep in flight.
 */
export function startStockSweeper(stock: StockService, intervalMs: number, log: Logger): { stop: () => Promise<void> } {
  if (intervalMs <= 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  let stopped = false;
  const sweep = async () => {
    try {
      const swept = await stock.sweepExpired();
      if (swept > 0) log.debug({ swept }, "expired stock reservations swept");
    } catch (error) {
      log.warn({ err: error }, "stock reservation sweep failed; retried at the next interval");
    } finally {
      running = null;
    }
  };
  const timer = setInterval(() => {
    // A sweep still in flight when the next tick comes is left to finish; ticks are skipped, not queued.
    if (!stopped && !running) running = sweep();
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
