import { describe, expect, it } from "vitest";
import { createRequestCoalescer, type RequestCoalescer } from "@/lib/cache/request-coalescer";

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 0, 0, s));

/** A load whose result the test decides, counting how often it was started. */
function loads() {
  const started: Array<{ resolve: (v: string) => void; reject: (e: Error) => void }> = [];
  const load = () => new Promise<string>((resolve, reject) => started.push({ resolve, reject }));
  return { started, load };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

/** The key's first answer, "old", loaded at 0 s, fresh until 10 s and servable until `staleUntil`. */
async function answerOld(
  c: RequestCoalescer<string>,
  started: ReturnType<typeof loads>["started"],
  load: () => Promise<string>,
  staleUntil: Date,
) {
  const first = c.get({ key: "k", now: at(0), expiresAt: at(10), staleUntil, load });
  started[0]!.resolve("old");
  await first;
  await settle();
}

describe("request coalescer", () => {
  it("shares one load until expiry, then loads again (no stale window)", async () => {
    const c = createRequestCoalescer<string>();
    const { started, load } = loads();
    const a = c.get({ key: "k", now: at(0), expiresAt: at(10), load });
    const b = c.get({ key: "k", now: at(5), expiresAt: at(15), load });
    expect(started).toHaveLength(1);
    started[0]!.resolve("one");
    expect(await a).toBe("one");
    expect(await b).toBe("one");
    const later = c.get({ key: "k", now: at(10), expiresAt: at(20), load });
    expect(started).toHaveLength(2);
    started[1]!.resolve("two");
    expect(await later).toBe("two");
  });

  it("serves an expired answer within its stale window while exactly one refresh runs", async () => {
    const c = createRequestCoalescer<string>();
    const { started, load } = loads();
    await answerOld(c, started, load, at(60));
    // Expired: both callers get the old answer at once; only one refresh starts.
    expect(await c.get({ key: "k", now: at(11), expiresAt: at(21), staleUntil: at(71), load })).toBe("old");
    expect(await c.get({ key: "k", now: at(12), expiresAt: at(22), staleUntil: at(72), load })).toBe("old");
    expect(started).toHaveLength(2);
    started[1]!.resolve("new");
    await settle();
    expect(await c.get({ key: "k", now: at(13), expiresAt: at(23), staleUntil: at(73), load })).toBe("new");
    expect(started).toHaveLength(2);
  });

  it("keeps serving the stale answer when a refresh fails, and the next caller retries", async () => {
    const c = createRequestCoalescer<string>();
    const { started, load } = loads();
    await answerOld(c, started, load, at(60));
    expect(await c.get({ key: "k", now: at(11), expiresAt: at(21), staleUntil: at(71), load })).toBe("old");
    started[1]!.reject(new Error("database away"));
    await settle();
    expect(await c.get({ key: "k", now: at(12), expiresAt: at(22), staleUntil: at(72), load })).toBe("old");
    expect(started).toHaveLength(3);
  });

  it("past the stale window, callers wait for a new load", async () => {
    const c = createRequestCoalescer<string>();
    const { started, load } = loads();
    await answerOld(c, started, load, at(20));
    const late = c.get({ key: "k", now: at(20), expiresAt: at(30), staleUntil: at(40), load });
    expect(started).toHaveLength(2);
    started[1]!.resolve("new");
    expect(await late).toBe("new");
  });

  it("a refresh started before clear() does not bring the old data back", async () => {
    const c = createRequestCoalescer<string>();
    const { started, load } = loads();
    await answerOld(c, started, load, at(60));
    await c.get({ key: "k", now: at(11), expiresAt: at(21), staleUntil: at(71), load }); // starts a refresh
    c.clear();
    started[1]!.resolve("refreshed before the clear");
    await settle();
    const after = c.get({ key: "k", now: at(12), expiresAt: at(22), staleUntil: at(72), load });
    expect(started).toHaveLength(3);
    started[2]!.resolve("after the clear");
    expect(await after).toBe("after the clear");
  });
});

describe("request coalescer size bound", () => {
  it("keeps at most maxEntries answers, dropping the oldest first; a held promise still answers", async () => {
    const c = createRequestCoalescer<string>({ maxEntries: 2 });
    const { started, load } = loads();
    const a = c.get({ key: "a", now: at(0), expiresAt: at(60), load });
    c.get({ key: "b", now: at(1), expiresAt: at(60), load });
    c.get({ key: "c", now: at(2), expiresAt: at(60), load });
    expect(c.size()).toBe(2);
    started.forEach((s, i) => s.resolve(`v${i}`));
    expect(await a).toBe("v0"); // dropped from the map, but its caller is answered
    await settle();
    // "b" and "c" are shared; "a" was evicted, so asking again starts a fourth load.
    c.get({ key: "b", now: at(3), expiresAt: at(60), load });
    c.get({ key: "c", now: at(3), expiresAt: at(60), load });
    expect(started).toHaveLength(3);
    c.get({ key: "a", now: at(3), expiresAt: at(60), load });
    expect(started).toHaveLength(4);
    expect(c.size()).toBe(2);
  });
});
