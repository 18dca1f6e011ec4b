// Issue 18: one viewer cannot take every database connection with uncached reads. Through the real
// route handler and PostgreSQL: a user's computations past their budget get a 429 at once, the
// same window written another way shares the running computation, another user is not held up.
// The computation is held open on its first query, so nothing depends on timing.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/models/route";
import { getPrisma } from "@/lib/db";
import { appRequest } from "../setup/auth";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

beforeEach(() => {
  vi.stubEnv("UNCACHED_READS_PER_USER", "1");
  vi.stubEnv("UNCACHED_READS_QUEUED_PER_USER", "0");
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const read = (role: "viewer" | "operator", search: string) => GET(appRequest(`/api/models?${search}`, { role }));

describe("the per-user budget of uncached reads", () => {
  it("refuses a viewer's second computation, shares the same window, and serves another user", async () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const models = getPrisma().model;
    const original = models.findMany.bind(models);
    const computations = vi
      .spyOn(models, "findMany")
      .mockImplementation(((args: never) => opened.then(() => original(args))) as never);
    const until = async (calls: number) => {
      while (computations.mock.calls.length < calls) await new Promise((resolve) => setImmediate(resolve));
    };

    const first = read("viewer", "range=custom&from=2026-12-01T10:00:00Z&to=2026-12-01T11:00:00Z");
    await until(1);

    const second = await read("viewer", "range=custom&from=2026-12-01T12:00:00Z&to=2026-12-01T13:00:00Z");
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("1");
    expect((await second.json()).error).toMatchObject({
      code: "RATE_LIMITED",
      message: "too many uncached reads at once: at most 1 computed and 0 waiting per user; retry in 1 s",
    });

    // The same window written another way (seconds, an offset) is the same cache entry.
    const sameWindow = read("viewer", "range=custom&from=2026-12-01T10:00:37Z&to=2026-12-01T12:00:00%2B01:00");
    const otherUser = read("operator", "range=custom&from=2026-12-01T12:00:00Z&to=2026-12-01T13:00:00Z");
    await until(2);
    open();
    const [a, b, c] = await Promise.all([first, sameWindow, otherUser]);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    const body = await a.json();
    expect(await b.json()).toEqual(body);
    expect(body.range).toMatchObject({ from: "2026-12-01T10:00:00.000Z", to: "2026-12-01T11:00:00.000Z" });
    expect(computations).toHaveBeenCalledTimes(2); // the viewer's window and the operator's

    // Once answered, reading it again is a cache hit: no budget drawn, no computation.
    const again = await read("viewer", "range=custom&from=2026-12-01T10:00:00Z&to=2026-12-01T11:00:00Z");
    expect(again.status).toBe(200);
    expect(computations).toHaveBeenCalledTimes(2);
  });
});
