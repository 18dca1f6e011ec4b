// A past month's capacity review reads the fleet as it was that month (FleetSnapshot, written on
// change by the inventory sync and the simulated provider), so a launch after the month ends
// leaves that month's review as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { forgetFleetReads } from "@/lib/cache/fleet-read-cache";
import { getCapacityReview } from "@/lib/capacity/get-capacity-review";
import { getPool } from "@/lib/db";
import { toPoolTarget } from "@/lib/fleet/load-pool";
import { createSimulatedFleetProvider } from "@/lib/fleet/providers/simulated/simulated-fleet-provider";
import { ZFleetSnapshotBody } from "@/lib/inventory/history/fleet-snapshot-body";
import { runInventorySync } from "@/lib/inventory/run-inventory-sync";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const sql = async <T>(text: string, params: unknown[] = []) => (await getPool().query(text, params)).rows as T[];
const SEEDED = new Date("2026-11-29T00:00:00Z");
const MONTH_END = new Date("2026-12-01T00:00:00Z");

beforeAll(async () => {
  await seedSimulatedFleet({ now: SEEDED });
  // Telemetry for the last day of November and the first hour of December: November is past.
  const result = await runIngest({
    source: createSimulatedTelemetrySource({ seed: 5 }),
    backfillDays: 1,
    now: new Date("2026-12-01T01:00:00Z"),
  });
  expect(result.error).toBeUndefined();
});

describe("review from fleet history", () => {
  it("records the seeded fleet once, as the inventory sync left it, and not again while nothing changes", async () => {
    const later = await runInventorySync("schedule");
    expect(later?.error).toBeNull();
    expect(later?.changes).toEqual([]);
    const rows = await sql<{ takenAt: Date; reason: string }>(`SELECT "takenAt", reason FROM "FleetSnapshot"`);
    expect(rows).toEqual([{ takenAt: SEEDED, reason: "inventory-sync:start" }]);
  });

  it("keeps November's review unchanged after a launch in December, and says which fleet it read", async () => {
    const before = await getCapacityReview({ month: "2026-11" });
    expect(before.fleetBasis).toEqual({
      source: "snapshot",
      asOf: MONTH_END.toISOString(),
      changedAt: SEEDED.toISOString(),
    });
    // Launch on the pool with the most on-demand instances to drain (any pool if none): it changes
    // today's fleet, after November ended.
    const target =
      before.recommendations.find((r) => r.kind === "drain_on_demand")?.poolId ??
      (await sql<{ id: string }>(`SELECT id FROM "Pool" ORDER BY id LIMIT 1`))[0]!.id;
    const [pool] = await sql<{
      id: string;
      region: string;
      backingKind: "asg" | "eks_nodegroup" | "karpenter_nodepool";
      backingId: string;
      clusterName: string | null;
      instanceType: string;
      desiredCapacity: number;
    }>(
      `SELECT id, region, "backingKind", "backingId", "clusterName", "instanceType", "desiredCapacity" FROM "Pool" WHERE id = $1`,
      [target],
    );
    await createSimulatedFleetProvider().setDesiredCapacity(toPoolTarget(pool!), pool!.desiredCapacity + 6, {
      idempotencyToken: "review-history-launch",
    });

    // The launch moved today's fleet and wrote a second snapshot, taken after November.
    const snapshots = await sql<{ takenAt: Date; reason: string; fleet: unknown }>(
      `SELECT "takenAt", reason, fleet FROM "FleetSnapshot" ORDER BY "takenAt"`,
    );
    expect(snapshots.map((s) => s.reason)).toEqual(["inventory-sync:start", "provider:setDesiredCapacity"]);
    expect(snapshots[1]!.takenAt.getTime()).toBeGreaterThan(MONTH_END.getTime());
    const desiredIn = (fleet: unknown) =>
      ZFleetSnapshotBody.parse(fleet).pools.find((p) => p.id === target)!.desiredCapacity;
    expect(desiredIn(snapshots[0]!.fleet)).toBe(pool!.desiredCapacity);
    expect(desiredIn(snapshots[1]!.fleet)).toBe(pool!.desiredCapacity + 6);

    // Everything but the ingest lag (wall-clock time since the last minute) is as it was.
    const after = await getCapacityReview({ month: "2026-11" });
    const withoutLag = (r: typeof before) => ({ ...r, telemetry: { ...r.telemetry, lagSeconds: null } });
    expect(withoutLag(after)).toEqual(withoutLag(before));
    expect(after.recommendations.length).toBeGreaterThan(0);

    // Without the history the same review reads today's fleet, and a drain recommendation of the
    // launched pool counts the 6 new instances: the snapshot is what kept it unchanged.
    await sql(`DELETE FROM "FleetSnapshot"`);
    forgetFleetReads();
    const today = await getCapacityReview({ month: "2026-11" });
    expect(today.fleetBasis.source).toBe("current");
    const drain = (r: typeof before) =>
      r.recommendations.find((x) => x.kind === "drain_on_demand" && x.poolId === target);
    if (drain(before)) expect(Number(drain(today)!.monthlyUsd)).toBeGreaterThan(Number(drain(before)!.monthlyUsd));
    expect(today.recommendations).not.toEqual(before.recommendations);
  });
});
