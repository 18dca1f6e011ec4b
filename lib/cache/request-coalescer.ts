// Shares one load per key among concurrent and later callers until the key's expiry (the next
// period boundary: CloudWatch has nothing newer before then). So N viewers cost what one costs.
// A failed load is not kept: the callers waiting on it get the error, the next caller retries.
//
// With `staleUntil`, an expired answer is still served until then while one caller's load
// replaces it in the background (stale-while-revalidate): a page whose key has not changed is
// refreshed only as a safety net, and the viewers asking meanwhile should not queue behind it.
export type RequestCoalescer<T> = {
  get(args: { key: string; now: Date; expiresAt: Date; staleUntil?: Date; load: () => Promise<T> }): Promise<T>;
  size(): number;
  /** Forgets every entry (the data behind them changed); loads in flight still answer their callers. */
  clear(): void;
};

type Entry<T> = {
  promise: Promise<T>;
  expiresAtMs: number;
  staleUntilMs: number;
  settled: boolean;
  refreshing: boolean;
};

/**
 * `maxEntries` bounds memory by count as well as by time: every distinct key (a custom range is a
 * key of its own) holds an answer until its staleUntil, so a caller sweeping ranges could otherwise
 * grow the map without limit. Over the bound, the oldest entries (first stored) are dropped; a caller
 * already holding one's promise still gets its answer.
 */
export function createRequestCoalescer<T>(opts: { maxEntries?: number } = {}): RequestCoalescer<T> {
  const maxEntries = opts.maxEntries ?? Infinity;
  const entries = new Map<string, Entry<T>>();
  const prune = (nowMs: number) => {
    for (const [key, e] of entries) if (e.staleUntilMs <= nowMs) entries.delete(key);
  };
  const start = (
    key: string,
    args: { now: Date; expiresAt: Date; staleUntil?: Date; load: () => Promise<T> },
  ): Entry<T> => {
    const promise = args.load();
    const expiresAtMs = args.expiresAt.getTime();
    const entry: Entry<T> = {
      promise,
      expiresAtMs,
      staleUntilMs: Math.max(expiresAtMs, args.staleUntil?.getTime() ?? 0),
      settled: false,
      refreshing: false,
    };
    promise.then(
      () => (entry.settled = true),
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry;
  };
  return {
    get({ key, ...args }) {
      const nowMs = args.now.getTime();
      prune(nowMs);
      const hit = entries.get(key);
      if (hit && nowMs < hit.expiresAtMs) return hit.promise;
      if (hit?.settled) {
        // Expired but servable: answer from it, and let this caller start the one refresh.
        if (!hit.refreshing) {
          hit.refreshing = true;
          const next = start(key, args);
          next.promise.then(
            () => {
              if (entries.get(key) === hit) entries.set(key, next);
            },
            () => (hit.refreshing = false), // the next caller tries again
          );
        }
        return hit.promise;
      }
      if (hit) return hit.promise; // expired while its first load is still running: share that load
      const entry = start(key, args);
      entries.set(key, entry);
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
      return entry.promise;
    },
    size: () => entries.size,
    clear: () => entries.clear(),
  };
}
