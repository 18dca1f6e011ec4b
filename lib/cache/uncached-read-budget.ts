import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";

// A page answer that misses the cache costs 100–250 ms of database time (a 90-day custom range more);
// a cached one costs a map lookup. One viewer sweeping custom ranges, or a script sending 32 of them
// at once, used to take every pooled connection, and every other viewer queued behind them. Each
// user (the session's user id; page and API reads alike) may therefore have only a few page
// computations running in this process at a time: the next ones wait their turn in a bounded line,
// and past that line the read is refused with a 429 that says when to retry. Cached answers are
// never counted, and an answer computed for one user is shared with everyone who asks for it.
// Per process, not cluster-wide: the limit is about this process's connection pool.

type Who = { key: string };
type Line = { running: number; waiting: Array<() => void> };

const context = new AsyncLocalStorage<Who>();
const holder = globalThis as unknown as { __uncachedReadLines?: Map<string, Line> };
const lines = (holder.__uncachedReadLines ??= new Map<string, Line>());

/** Runs `read` on behalf of `who` (a user id): the page computations it starts draw on that user's budget. */
export function withReadBudget<T>(who: string | null | undefined, read: () => Promise<T>): Promise<T> {
  return who ? context.run({ key: who }, read) : read();
}

/**
 * Computes a page answer within the current user's budget. Outside any user's read (background
 * warming, jobs, tests that call the domain directly) there is no budget to draw on.
 */
export async function spendUncachedRead<T>(compute: () => Promise<T>): Promise<T> {
  const who = context.getStore();
  if (!who) return compute();
  const { UNCACHED_READS_PER_USER: concurrent, UNCACHED_READS_QUEUED_PER_USER: queued } = getConfig();
  const line = lines.get(who.key) ?? { running: 0, waiting: [] };
  lines.set(who.key, line);
  if (line.running >= concurrent) {
    if (line.waiting.length >= queued)
      throw new AppError(
        "RATE_LIMITED",
        `too many uncached reads at once: at most ${concurrent} computed and ${queued} waiting per user; retry in 1 s`,
        { retryAfterSeconds: 1 },
      );
    await new Promise<void>((resolve) => line.waiting.push(resolve));
  } else {
    line.running++;
  }
  try {
    return await compute();
  } finally {
    // The slot passes straight to the next in line (running stays the same), or is given back.
    const next = line.waiting.shift();
    if (next) next();
    else if (--line.running === 0) lines.delete(who.key);
  }
}

/** Computations running and waiting for `who` in this process (for tests and the metrics endpoint). */
export function uncachedReadsOf(who: string): { running: number; waiting: number } {
  const line = lines.get(who);
  return { running: line?.running ?? 0, waiting: line?.waiting.length ?? 0 };
}
