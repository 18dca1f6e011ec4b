// Each user may have UNCACHED_READS_PER_USER page computations running, UNCACHED_READS_QUEUED_PER_USER
// waiting; past that, a 429. Driven by promises the test resolves, so nothing depends on timing.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { spendUncachedRead, uncachedReadsOf, withReadBudget } from "@/lib/cache/uncached-read-budget";
import { AppError } from "@/lib/errors";

/** A computation that finishes when the test says so. */
function gate<T>(value: T) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let started = false;
  const compute = async () => {
    started = true;
    await opened;
    return value;
  };
  return { compute, open, started: () => started };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  vi.stubEnv("UNCACHED_READS_PER_USER", "2");
  vi.stubEnv("UNCACHED_READS_QUEUED_PER_USER", "1");
});
afterEach(() => vi.unstubAllEnvs());

describe("a user's budget of uncached reads", () => {
  it("runs two, lines up one, refuses the fourth with a 429, and leaves other users alone", async () => {
    const [a, b, c] = [gate("a"), gate("b"), gate("c")];
    const reads = [a, b, c].map((g) => withReadBudget("alice", () => spendUncachedRead(g.compute)));
    await tick();
    expect([a.started(), b.started(), c.started()]).toEqual([true, true, false]);
    expect(uncachedReadsOf("alice")).toEqual({ running: 2, waiting: 1 });

    const refused = withReadBudget("alice", () => spendUncachedRead(async () => "d"));
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
      details: { retryAfterSeconds: 1 },
      message: "too many uncached reads at once: at most 2 computed and 1 waiting per user; retry in 1 s",
    });

    // Bob's budget is his own.
    await expect(withReadBudget("bob", () => spendUncachedRead(async () => "bob"))).resolves.toBe("bob");

    a.open();
    await expect(reads[0]).resolves.toBe("a");
    await tick();
    expect(c.started()).toBe(true); // the slot passed to the one in line
    expect(uncachedReadsOf("alice")).toEqual({ running: 2, waiting: 0 });
    b.open();
    c.open();
    await expect(Promise.all(reads)).resolves.toEqual(["a", "b", "c"]);
    expect(uncachedReadsOf("alice")).toEqual({ running: 0, waiting: 0 });
  });

  it("gives the slot back when a computation fails", async () => {
    const failing = withReadBudget("carol", () =>
      spendUncachedRead(async () => {
        throw new Error("query failed");
      }),
    );
    await expect(failing).rejects.toThrow("query failed");
    expect(uncachedReadsOf("carol")).toEqual({ running: 0, waiting: 0 });
  });

  it("does not limit reads outside a user's request (warming, jobs)", async () => {
    const gates = [gate(1), gate(2), gate(3), gate(4), gate(5)];
    const reads = gates.map((g) => spendUncachedRead(g.compute));
    await tick();
    expect(gates.every((g) => g.started())).toBe(true);
    gates.forEach((g) => g.open());
    await expect(Promise.all(reads)).resolves.toEqual([1, 2, 3, 4, 5]);
  });
});
