import { describe, expect, it } from "vitest";
import { GET as overviewGET } from "@/app/api/overview/route";
import { ZOverview } from "@/lib/overview/overview-dto";
import { SIM_HOT_POOL_ID, SIM_IDLE_RESERVED_POOL_ID } from "@/lib/simulator/pools";
import { callRoute, insertFinishedAction, sql, useSeededFleet } from "./seeded-fleet";
import { expectUsd } from "../setup/expect-usd";

useSeededFleet();

describe("overview on-call block", () => {
  it("ranks the hot pool's SLO breach first and names the idle reservation and the expiring one", async () => {
    const overview = ZOverview.parse((await callRoute(overviewGET, "/api/overview?range=1h")).body);
    const { attention } = overview.onCall;
    expect(attention[0]).toMatchObject({
      kind: "slo_breach",
      severity: "critical",
      poolId: SIM_HOT_POOL_ID,
      modelId: "atlas-70b-chat",
    });
    expect(attention.find((a) => a.kind === "hot_pool" && a.poolId === SIM_HOT_POOL_ID)).toBeDefined();
    const idle = attention.find((a) => a.kind === "idle_reserved")!;
    expect(idle).toMatchObject({ poolId: SIM_IDLE_RESERVED_POOL_ID, instanceType: "trn2.48xlarge", threshold: 16 });
    expect(idle.value).toBeCloseTo(12, 4);
    expect(attention.filter((a) => a.kind === "idle_reserved")).toHaveLength(1);
    // One value per quantity: the idle reservation's $/h is "now" like the overview's tiles, the last
    // 5 complete minutes before the data end: Σ idle dollars of its minute rows × 60 / 5.
    expect(Date.parse(overview.now.to) - Date.parse(overview.now.from)).toBe(5 * 60_000);
    expect(overview.now.to).toBe(overview.range.to);
    const [current] = await sql<{ idle: number; pool_idle: number; spend: number }>(
      `SELECT sum(t.idle_reserved_usd) AS idle, sum(t.spend_usd) AS spend,
              sum(t.idle_reserved_usd) FILTER (WHERE pm."poolId" = $3) AS pool_idle
       FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id WHERE t.ts >= $1 AND t.ts < $2`,
      [overview.now.from, overview.now.to, SIM_IDLE_RESERVED_POOL_ID],
    );
    expectUsd(idle.usdPerHour, current!.pool_idle * 12, "idle reservation $/h now");
    expectUsd(overview.now.idleReservedUsdPerHour, current!.idle * 12, "fleet idle reserved $/h now");
    expectUsd(overview.now.spendUsdPerHour, current!.spend * 12, "fleet spend $/h now");
    const expiring = attention.find((a) => a.kind === "reservation_expiring")!;
    expect(expiring.poolId).toBe("scribe-13b-code-use1-trn1-a");
    expect(expiring.value).toBeGreaterThan(10);
    expect(expiring.value).toBeLessThan(13);
    expect(attention.find((a) => a.kind === "telemetry_stale")).toBeUndefined();
    const order = { critical: 0, warning: 1, info: 2 };
    expect(attention.map((a) => order[a.severity])).toEqual([...attention.map((a) => order[a.severity])].sort());
  });

  it("reports month-to-date spend, reserved use today and chip-family utilization equal to independent SQL", async () => {
    const overview = ZOverview.parse((await callRoute(overviewGET, "/api/overview?range=6h")).body);
    const { onCall } = overview;
    const [mtd] = await sql<{ spend: number }>(
      `SELECT coalesce(sum(spend_usd), 0) AS spend FROM telemetry_minute WHERE ts >= $1 AND ts < $2`,
      [onCall.monthToDate.from, overview.range.to],
    );
    expectUsd(onCall.monthToDate.spendUsd, mtd!.spend);
    const [today] = await sql<{ reserved: number; idle: number; idle_usd: number }>(
      `SELECT sum(reserved_instances::float8) AS reserved, sum(greatest(reserved_instances::float8 - instances::float8, 0)) AS idle,
              sum(idle_reserved_usd) AS idle_usd FROM telemetry_minute WHERE ts >= $1 AND ts < $2`,
      [onCall.reservedToday.from, overview.range.to],
    );
    if (today!.reserved > 0) {
      expectUsd(onCall.reservedToday.idleReservedUsd, today!.idle_usd);
      expect(onCall.reservedToday.idleInstanceHours).toBeCloseTo(today!.idle / 60, 2);
      expect(onCall.reservedToday.reservedUtilizationPct!).toBeCloseTo(100 * (1 - today!.idle / today!.reserved), 3);
    }
    const chips = await sql<{ family: string; util: number }>(
      `SELECT p."chipFamily"::text AS family, sum(t.instances::float8 * t.utilization_pct::float8) / sum(t.instances::float8) AS util
       FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id JOIN "Pool" p ON p.id = pm."poolId"
       WHERE t.ts >= $1 AND t.ts < $2 GROUP BY 1`,
      [overview.range.from, overview.range.to],
    );
    expect(onCall.chipFamilies.map((c) => c.chipFamily).sort()).toEqual(["graviton", "trainium"]);
    for (const c of chips)
      expect(onCall.chipFamilies.find((x) => x.chipFamily === c.family)!.utilizationPct!).toBeCloseTo(c.util, 6);
  });

  it("lists the newest pool actions", async () => {
    const now = Date.now();
    const id = await insertFinishedAction({
      poolId: SIM_HOT_POOL_ID,
      kind: "launch",
      count: 2,
      startedAt: new Date(now - 600_000),
      finishedAt: new Date(now - 300_000),
    });
    // The overview is shared per range until the next stored minute (getFleetOverview's request
    // coalescer), so read a range this file has not read yet.
    const overview = ZOverview.parse((await callRoute(overviewGET, "/api/overview?range=24h")).body);
    expect(overview.onCall.recentActions[0]).toMatchObject({
      id,
      poolId: SIM_HOT_POOL_ID,
      kind: "launch",
      count: 2,
      state: "succeeded",
    });
  });
});

describe("data as of", () => {
  it("the overview states where its data ends: the end of the newest stored minute", async () => {
    const overview = ZOverview.parse((await callRoute(overviewGET, "/api/overview?range=1h")).body);
    const [newest] = await sql<{ through: Date }>(
      `SELECT max(ts) + interval '1 minute' AS through FROM telemetry_minute`,
    );
    expect(overview.telemetry.dataThrough).toBe(new Date(newest!.through).toISOString());
    // Fresh telemetry: the range ends where the data does.
    expect(overview.range.to).toBe(overview.telemetry.dataThrough);
  });
});
