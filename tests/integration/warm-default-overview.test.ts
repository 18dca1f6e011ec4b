// The default overview is computed in the background, so the first viewer after new telemetry
// finds it ready: after a warm-up, the page and the API answer at the default range run no query
// of their own (counted on the Prisma model read that every computation starts with).
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getPrisma } from "@/lib/db";
import { getFleetOverview, getFleetOverviewBody } from "@/lib/overview/get-fleet-overview";
import { warmDefaultOverview } from "@/lib/overview/warm-default-overview";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { parseRangeSearch } from "@/lib/url/range-search-params";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const source = createSimulatedTelemetrySource({ seed: 5 });
let now = new Date();

beforeAll(async () => {
  await seedSimulatedFleet();
  // Fresh telemetry (newer than STALE_AFTER_SECONDS): the default range then ends at the newest
  // stored minute. Older data would end it at the wall clock, and a minute turning between the
  // warm-up and the viewers' reads would ask for a new answer (CI saw exactly that).
  now = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 60_000);
  expect((await runIngest({ source, backfillDays: 0.5, now })).error).toBeUndefined();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Answers the page and the API give at the default range, counting the computations they start. */
async function viewerReads() {
  const computations = vi.spyOn(getPrisma().model, "findMany");
  const page = parseRangeSearch({});
  if (page.notice) throw new Error(page.notice);
  const [overview, body] = await Promise.all([
    getFleetOverview({ params: page.params }),
    getFleetOverviewBody({ params: { range: "24h" } }),
  ]);
  const count = computations.mock.calls.length;
  computations.mockRestore();
  return { overview, body, computations: count };
}

describe("warming the default overview", () => {
  it("leaves the page and the API nothing to compute", async () => {
    const warmed = await warmDefaultOverview();
    const reads = await viewerReads();
    expect(reads.computations).toBe(0);
    expect(reads.body).toBe(warmed);
    expect(reads.overview.models.length).toBeGreaterThan(0);
  });

  it("after new telemetry, computes the new answer, and viewers get it without computing", async () => {
    const before = await warmDefaultOverview();
    now = new Date(now.getTime() + 2 * 60_000);
    expect((await runIngest({ source, backfillDays: 0.5, now })).written).toBeGreaterThan(0);
    // Without warming, the first viewer would compute it now.
    const computations = vi.spyOn(getPrisma().model, "findMany");
    const after = await warmDefaultOverview();
    expect(computations.mock.calls.length).toBeGreaterThan(0);
    computations.mockRestore();
    expect(after).not.toBe(before);
    expect(JSON.parse(after.json.toString()).range.to).not.toBe(JSON.parse(before.json.toString()).range.to);
    const reads = await viewerReads();
    expect(reads.computations).toBe(0);
    expect(reads.body).toBe(after);
  });
});
