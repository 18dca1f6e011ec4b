// Shares one load per key among concurrent and later callers until the key's expiry (the next
// period boundary: CloudWatch has nothing newer before then). So N viewers cost what one costs.
// A failed load is not kept: the callers waiting on it get the error, the next caller retries.
export type RequestCoalescer<T> = {
  get(args: { key: string; now: Date; expiresAt: Date; load: () => Promise<T> }): Promise<T>;
  size(): number;
  /** Forgets every entry (the data behind them changed); loads in flight still answer their callers. */
  clear(): void;
};

export function createRequestCoalescer<T>(): RequestCoalescer<T> {
  const entries = new Map<string, { promise: Promise<T>; expiresAtMs: number }>();
  const prune = (nowMs: number) => {
    for (const [key, e] of entries) if (e.expiresAtMs <= nowMs) entries.delete(key);
  };
  return {
    get({ key, now, expiresAt, load }) {
      prune(now.getTime());
      const hit = entries.get(key);
      if (hit) return hit.promise;
      const promise = load();
      const entry = { promise, expiresAtMs: expiresAt.getTime() };
      entries.set(key, entry);
      promise.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return promise;
    },
    size: () => entries.size,
    clear: () => entries.clear(),
  };
}
