import { beforeAll, describe, expect, it } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import { getCurrentRates } from "@/lib/read-model/current-rate";
import { ensureMinutePartitions } from "@/lib/telemetry/store/ensure-minute-partitions";
import { refreshHourlyRollups } from "@/lib/telemetry/store/refresh-hourly-rollups";
import { useTestDatabase } from "../setup/test-database";

// The current $/h from hand-written minute rows: the last 5 complete minutes before the data end,
// Σ dollars × 60 / 5, and null (never a filled value) when a minute of the scope is missing.
useTestDatabase();

const end = new Date("2026-11-20T10:05:30Z"); // window [10:00, 10:05)
const at = (hhmm: string) => new Date(`2026-11-20T${hhmm}:00Z`);
const seriesIds = new Map<string, number>();

async function pool(id: string) {
  await getPrisma().pool.create({
    data: {
      id,
      chipFamily: "trainium",
      instanceType: "trn1.32xlarge",
      region: "us-east-1",
      availabilityZone: "us-east-1a",
      backingKind: "asg",
      backingId: `asg-${id}`,
      minCapacity: 0,
      desiredCapacity: 1,
      maxCapacity: 4,
    },
  });
}

async function row(series: string, hhmm: string, spendUsd: number, idleReservedUsd = 0) {
  await getPool().query(
    `INSERT INTO telemetry_minute (series_id, ts, utilization_pct, latency_p50_ms, latency_p95_ms, latency_p99_ms,
       requests, units, instances, reserved_instances, spend_usd, idle_reserved_usd)
     VALUES ($1, $2, 50, 10, 20, 30, 100, 1000, 1, 1, $3, $4)`,
    [seriesIds.get(series), at(hhmm), spendUsd, idleReservedUsd],
  );
}

beforeAll(async () => {
  const prisma = getPrisma();
  for (const id of ["m1", "m2"])
    await prisma.model.create({ data: { id, displayName: id, team: "t", kind: "llm", sloP95Ms: 500 } });
  for (const id of ["pa", "pb", "pc"]) await pool(id);
  for (const [poolId, modelId] of [
    ["pa", "m1"],
    ["pb", "m1"],
    ["pc", "m2"],
  ] as const) {
    const pm = await prisma.poolModel.create({ data: { poolId, modelId } });
    seriesIds.set(`${poolId}|${modelId}`, pm.id);
  }
  await ensureMinutePartitions({ from: at("09:00"), to: at("11:00") });
  // pa|m1: minutes outside the window carry $100 each, so reading a minute too many shows at once.
  await row("pa|m1", "09:58", 100);
  await row("pa|m1", "09:59", 100);
  await row("pa|m1", "10:00", 1.0);
  await row("pa|m1", "10:01", 1.1);
  await row("pa|m1", "10:02", 1.2);
  await row("pa|m1", "10:03", 1.3);
  await row("pa|m1", "10:04", 1.4);
  await row("pa|m1", "10:05", 100);
  // pb|m1: $2.00 spend and $0.50 idle reserved every minute of the window.
  for (const m of ["10:00", "10:01", "10:02", "10:03", "10:04"]) await row("pb|m1", m, 2, 0.5);
  // pc|m2 first reported at 10:03: the minutes before were not missing (nothing was billed yet).
  await row("pc|m2", "10:03", 3);
  await row("pc|m2", "10:04", 3);
  await rebuildRollups();
});

/** The hourly rollups, rebuilt by the store's own code as every write does (current-rate reads the first hour there). */
async function rebuildRollups() {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    await refreshHourlyRollups(client, { seriesIds: [...seriesIds.values()], from: at("09:00"), to: at("11:00") });
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}

describe("getCurrentRates", () => {
  it("averages the last 5 complete minutes: Σ dollars × 60 / 5", async () => {
    const pools = await getCurrentRates({ end, scope: "pool" });
    expect(pools.window.from.toISOString()).toBe("2026-11-20T10:00:00.000Z");
    expect(pools.window.to.toISOString()).toBe("2026-11-20T10:05:00.000Z");
    // pa: (1.0 + 1.1 + 1.2 + 1.3 + 1.4) = 6.0 → $72/h; pb: 5 × 2 = 10 → $120/h, idle 2.5 → $30/h; pc: 6 → $72/h
    expect(pools.rates.get("pa")!.spendUsdPerHour).toBeCloseTo(72, 9);
    expect(pools.rates.get("pa")!.idleReservedUsdPerHour).toBe(0);
    expect(pools.rates.get("pb")!.spendUsdPerHour).toBeCloseTo(120, 9);
    expect(pools.rates.get("pb")!.idleReservedUsdPerHour).toBeCloseTo(30, 9);
    expect(pools.rates.get("pc")!.spendUsdPerHour).toBeCloseTo(72, 9);
    const fleet = await getCurrentRates({ end, scope: "fleet" });
    // 6.0 + 10 + 6 = 22 → $264/h; idle 2.5 → $30/h
    expect(fleet.rates.get("fleet")!.spendUsdPerHour).toBeCloseTo(264, 9);
    expect(fleet.rates.get("fleet")!.idleReservedUsdPerHour).toBeCloseTo(30, 9);
    const models = await getCurrentRates({ end, scope: "model" });
    expect(models.rates.get("m1")!.spendUsdPerHour).toBeCloseTo(192, 9);
    expect(models.rates.get("m2")!.spendUsdPerHour).toBeCloseTo(72, 9);
  });

  it("gives null, not a filled value, for every scope missing a minute", async () => {
    await getPool().query(`DELETE FROM telemetry_minute WHERE series_id = $1 AND ts = $2`, [
      seriesIds.get("pa|m1"),
      at("10:02"),
    ]);
    await rebuildRollups();
    const pools = await getCurrentRates({ end, scope: "pool" });
    expect(pools.rates.get("pa")).toBeNull();
    expect(pools.rates.get("pb")!.spendUsdPerHour).toBeCloseTo(120, 9);
    expect((await getCurrentRates({ end, scope: "fleet" })).rates.get("fleet")).toBeNull();
    const models = await getCurrentRates({ end, scope: "model" });
    expect(models.rates.get("m1")).toBeNull();
    expect(models.rates.get("m2")!.spendUsdPerHour).toBeCloseTo(72, 9);
  });

  it("has no rate for a scope that never reported", async () => {
    const later = await getCurrentRates({ end: new Date("2026-11-20T10:09:10Z"), scope: "pool" });
    // [10:04, 10:09): pa has 10:04 and 10:05 but not 10:06–10:08.
    expect(later.rates.get("pa")).toBeNull();
    expect((await getCurrentRates({ end: at("09:00"), scope: "fleet" })).rates.get("fleet")).toBeUndefined();
  });
});
