import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { getTrainingOverview } from "@/lib/training/get-training-overview";
import { seedSimulatedTraining } from "@/lib/simulator/training/seed-simulated-training";
import { extendSimulatedTraining } from "@/lib/simulator/training/extend-simulated-training";
import { SIM_AT_RISK_RUN_ID, SIM_DONE_RUN_ID, SIM_RESTARTING_RUN_ID } from "@/lib/simulator/training/training-catalog";
import { listRunsAtRisk } from "@/lib/training/list-runs-at-risk";
import { rankNeedsAttention } from "@/lib/overview/rank-needs-attention";
import { getInventorySource } from "@/lib/inventory/get-inventory-source";
import { syncInventory } from "@/lib/inventory/sync/sync-inventory";
import { findMissingPage } from "@/lib/http/find-missing-page";
import { useTestDatabase } from "../setup/test-database";

// The simulated fleet's training: three runs on Capacity Blocks (one that will not finish before its
// block's termination start, one restarting, one done), checked through the read model.
useTestDatabase();

// Seed at 06:00 UTC: block A ends at the first 11:30 UTC at least 10 h later (2026-11-21 11:30), so
// EC2 starts terminating at 11:00 (trn2, 30 min); the at-risk run writes a checkpoint in 900 s.
const seedAt = new Date("2026-11-20T06:00:00Z");
const HOUR_MS = 3_600_000;

beforeAll(async () => {
  await getPrisma().instancePrice.createMany({
    data: [
      { instanceType: "trn1.32xlarge", region: "us-east-1", onDemandUsdPerHour: 21.5, reservedUsdPerHour: 13.1 },
      { instanceType: "trn1.32xlarge", region: "us-west-2", onDemandUsdPerHour: 21.93, reservedUsdPerHour: 13.36 },
      { instanceType: "trn2.48xlarge", region: "us-east-1", onDemandUsdPerHour: 44.7, reservedUsdPerHour: 27.4 },
    ],
  });
  expect(await seedSimulatedTraining({ now: seedAt })).toBe(true);
});

describe("simulated training", () => {
  it("seeds once: the three Capacity Blocks and the runs", async () => {
    expect(await seedSimulatedTraining({ now: seedAt })).toBe(false);
    const blocks = await getPrisma().capacityReservation.findMany({ where: { reservationType: "capacity-block" } });
    expect(blocks).toHaveLength(3);
    expect(await getPrisma().trainingRun.count()).toBe(10);
  });

  it("an inventory sync of the simulated fleet leaves the training's Capacity Blocks as they are", async () => {
    const result = await syncInventory({ source: getInventorySource(), trigger: "schedule", now: seedAt });
    expect(result.error).toBeNull();
    const blockIds = new Set(["cr-0b1a7c0ffee000a01", "cr-0b1a7c0ffee000b02", "cr-0b1a7c0ffee000c03"]);
    expect(result.changes.filter((c) => blockIds.has(c.key))).toEqual([]);
    const live = await getPrisma().capacityReservation.count({
      where: { reservationType: "capacity-block", retiredAt: null },
    });
    expect(live).toBe(2); // the ended block was stored retired; the other two stay live
  });

  it("the at-risk run will not finish before its block's termination start, and names the latest safe checkpoint", async () => {
    const o = await getTrainingOverview({ now: seedAt });
    const run = o.runs.find((r) => r.id === SIM_AT_RISK_RUN_ID)!;
    expect(run.outcome).toBe("running");
    expect(run.state).toBe("progressing");
    expect(run.prediction.cutoffAt).toBe("2026-11-21T11:00:00.000Z");
    expect(run.prediction.latestSafeCheckpointAt).toBe("2026-11-21T10:45:00.000Z");
    expect(run.prediction.willFinishInTime).toBe(false);
    // Planned 3 h past the cut-off at the base rate; recent throughput is within ± 2 % of it.
    const late = (Date.parse(run.prediction.predictedFinishAt!) - Date.parse(run.prediction.cutoffAt!)) / HOUR_MS;
    expect(late).toBeGreaterThan(2);
    expect(late).toBeLessThan(4);
    const block = o.blocks.find((b) => b.id === run.capacityBlockId)!;
    expect(block.status).toBe("active");
    expect(block.minutesToTermination).toBe(29 * 60);
    expect(block.runs.map((r) => r.id)).toEqual([SIM_AT_RISK_RUN_ID]);
  });

  it("the restarting run is restarting (3 restarts), will finish in time, and pays on-demand for its 2 overflow instances", async () => {
    const o = await getTrainingOverview({ now: seedAt });
    const run = o.runs.find((r) => r.id === SIM_RESTARTING_RUN_ID)!;
    expect(run.state).toBe("restarting");
    expect(run.restarts).toBe(3);
    expect(run.prediction.willFinishInTime).toBe(true);
    // Started 24 h 25 min before the seed, 10 instances on an 8-instance block: 2 × 24 5/12 h on-demand.
    expect(run.cost.onDemandInstanceHours).toBeCloseTo(2 * (24 + 25 / 60), 9);
    expect(run.cost.reservedInstanceHours).toBeCloseTo(8 * (24 + 25 / 60), 9);
    expect(run.goodputPct).not.toBeNull();
    expect(run.goodputPct!).toBeLessThan(100);
  });

  it("the done run succeeded on a block that ended, with its idle block-hours", async () => {
    const o = await getTrainingOverview({ now: seedAt });
    const run = o.runs.find((r) => r.id === SIM_DONE_RUN_ID)!;
    expect(run.outcome).toBe("succeeded");
    expect(run.progressPct).toBeCloseTo(100, 6);
    expect(run.prediction.willFinishInTime).toBeNull();
    const block = o.blocks.find((b) => b.id === run.capacityBlockId)!;
    expect(block.status).toBe("ended");
    // 4 days × 16 instances = 1,536 block-hours; the run held all 16 for 60 h 30 min (started 10 min after the start).
    expect(block.idleInstanceHours).toBeCloseTo(1536 - 16 * 60.5, 9);
  });

  it("Needs attention names the at-risk run, its cut-off and the latest safe checkpoint", async () => {
    const atRisk = await listRunsAtRisk({ now: seedAt });
    expect(atRisk.map((r) => r.runId)).toEqual([SIM_AT_RISK_RUN_ID]);
    const items = rankNeedsAttention({
      lagSeconds: 0,
      sloRows: [],
      poolUtilization: [],
      idleReserved: [],
      expiring: [],
      trainingAtRisk: atRisk,
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: "training_at_risk", severity: "critical", runId: SIM_AT_RISK_RUN_ID });
    expect(items[0]!.detail).toContain("at 2026-11-21 11:00 UTC");
    expect(items[0]!.detail).toContain("latest safe checkpoint 2026-11-21 10:45 UTC");
    // The simulated blocks serve training node groups Fleet Console does not manage: no pool to drain.
    expect(items[0]!.poolId).toBeNull();
    const onPool = rankNeedsAttention({
      lagSeconds: 0,
      sloRows: [],
      poolUtilization: [],
      idleReserved: [],
      expiring: [],
      trainingAtRisk: [{ ...atRisk[0]!, poolId: "train-pool" }],
    });
    expect(onPool[0]!.poolId).toBe("train-pool");
  });

  it("the proxy's lookup finds an unknown run's page missing, and a seeded one present", async () => {
    expect(await findMissingPage("/training/no-such-run")).toBe("no-such-run");
    expect(await findMissingPage(`/training/${SIM_AT_RISK_RUN_ID}`)).toBeNull();
    expect(await findMissingPage("/training")).toBeNull();
  });

  it("moves on with time: the restart ends, and the at-risk run is terminated at its cut-off", async () => {
    await extendSimulatedTraining({ now: new Date(seedAt.getTime() + 30 * 60_000) });
    let o = await getTrainingOverview({ now: new Date(seedAt.getTime() + 30 * 60_000) });
    expect(o.runs.find((r) => r.id === SIM_RESTARTING_RUN_ID)!.state).toBe("progressing");
    await extendSimulatedTraining({ now: new Date("2026-11-21T12:00:00Z") });
    o = await getTrainingOverview({ now: new Date("2026-11-21T12:00:00Z") });
    const run = o.runs.find((r) => r.id === SIM_AT_RISK_RUN_ID)!;
    expect(run.outcome).toBe("failed");
    expect(run.endedAt).toBe("2026-11-21T11:00:00.000Z");
  });
});
