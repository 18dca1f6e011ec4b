import { describe, expect, it } from "vitest";
import { SIM_MODELS } from "@/lib/simulator/catalog";
import { SIM_HOT_POOL_ID, SIM_IDLE_RESERVED_POOL_ID, SIM_POOLS } from "@/lib/simulator/pools";
import { simulateMinute } from "@/lib/simulator/simulate-minute";

const start = Date.parse("2026-11-16T00:00:00Z") / 60_000; // a Monday
const day = Array.from({ length: 1440 }, (_, i) => start + i);

function simulateDay(seed: number, poolId: string) {
  const pool = SIM_POOLS.find((p) => p.id === poolId)!;
  return day.map((minute) => simulateMinute({ seed, pool, minute, instances: pool.desiredCapacity }));
}

describe("simulated fleet", () => {
  it("is deterministic from its seed", () => {
    expect(simulateDay(42, SIM_POOLS[3]!.id)).toEqual(simulateDay(42, SIM_POOLS[3]!.id));
    expect(simulateDay(43, SIM_POOLS[3]!.id)).not.toEqual(simulateDay(42, SIM_POOLS[3]!.id));
  });

  it("has the shape of a real fleet: ~12 models, ~40 pools, three regions, both chip families", () => {
    expect(SIM_MODELS).toHaveLength(12);
    expect(new Set(SIM_MODELS.map((m) => m.kind))).toEqual(new Set(["llm", "vlm", "ranking"]));
    expect(SIM_POOLS.length).toBeGreaterThanOrEqual(35);
    expect(new Set(SIM_POOLS.map((p) => p.region)).size).toBe(3);
    expect(new Set(SIM_POOLS.map((p) => p.chipFamily))).toEqual(new Set(["trainium", "graviton"]));
    expect(new Set(SIM_POOLS.map((p) => p.id)).size).toBe(SIM_POOLS.length);
  });

  it("breaches the SLO on the hot pool and nowhere else, even at the daily peak", () => {
    for (const pool of SIM_POOLS) {
      const slo = SIM_MODELS.find((m) => m.id === pool.modelId)!.sloP95Ms;
      const points = simulateDay(42, pool.id);
      const worstP95 = Math.max(...points.map((p) => p.latencyP95Ms));
      const medianP95 = points.map((p) => p.latencyP95Ms).sort((a, b) => a - b)[720]!;
      if (pool.id === SIM_HOT_POOL_ID) expect(medianP95, pool.id).toBeGreaterThan(slo);
      else expect(worstP95, pool.id).toBeLessThan(slo);
    }
  });

  it("follows the day: peak traffic well above the night's, utilization under 100 %", () => {
    const points = simulateDay(42, "rank-xl-ctr-use1-r8g-a");
    const requests = points.map((p) => p.requests);
    expect(Math.max(...requests)).toBeGreaterThan(1.5 * Math.min(...requests));
    expect(Math.max(...points.map((p) => p.utilizationPct))).toBeLessThan(100);
  });

  it("shows latency climbing as utilization nears saturation when instances are drained", () => {
    const pool = SIM_POOLS.find((p) => p.id === "scribe-13b-code-use1-trn1-a")!;
    const minute = start + 20 * 60; // 15:00 local, near peak
    const full = simulateMinute({ seed: 42, pool, minute, instances: pool.desiredCapacity });
    const drained = simulateMinute({ seed: 42, pool, minute, instances: pool.desiredCapacity - 2 });
    expect(drained.utilizationPct).toBeGreaterThan(full.utilizationPct);
    expect(drained.latencyP95Ms).toBeGreaterThan(full.latencyP95Ms);
  });

  it("keeps the idle reserved pool far below its reservation", () => {
    const pool = SIM_POOLS.find((p) => p.id === SIM_IDLE_RESERVED_POOL_ID)!;
    expect(pool.reservedInstances).toBeGreaterThan(2 * pool.desiredCapacity);
    expect(Math.max(...simulateDay(42, pool.id).map((p) => p.utilizationPct))).toBeLessThan(40);
  });
});
