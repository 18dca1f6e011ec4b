// Billed vs estimated end to end on the simulated fleet: telemetry backfilled, the simulated FOCUS
// export ingested through the same path as S3, and the page's figures checked per pool-day against
// SQL written here over the raw rows (line items and telemetry minutes), plus the hand-known parts
// of the simulated bill: the one deliberate discrepancy, unused reservation hours, the lag, and
// the newest billed day restated once the next day is billed.
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/billing/route";
import { ZBilledVsEstimated } from "@/lib/billing/billed-vs-estimated-dto";
import { getOnCallSummary } from "@/lib/overview/get-on-call-summary";
import { getBilledVsEstimated } from "@/lib/billing/get-billed-vs-estimated";
import { ingestBillingExport } from "@/lib/billing/ingest-billing-export";
import {
  DISCREPANCY_DAYS_AGO,
  DISCREPANCY_INSTANCE_HOURS,
  SAVINGS_PLAN_DISCOUNT,
} from "@/lib/billing/simulated/build-simulated-focus-rows";
import { createSimulatedBillingExportSource } from "@/lib/billing/simulated/simulated-billing-export-source";
import { getPool } from "@/lib/db";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { SIM_IDLE_RESERVED_POOL_ID } from "@/lib/simulator/pools";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { appRequest } from "../setup/auth";
import { expectUsd } from "../setup/expect-usd";
import { useTestDatabase } from "../setup/test-database";

const cents = (usd: string) => Math.round(Number(usd) * 100);

useTestDatabase();

const DAY_MS = 86_400_000;
const now = new Date();
const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await getPool().query(text, params)).rows as T[];
}

beforeAll(async () => {
  await seedSimulatedFleet();
  const result = await runIngest({ source: createSimulatedTelemetrySource({ seed: 7 }), backfillDays: 4 });
  expect(result.error).toBeUndefined();
  const report = await ingestBillingExport({ source: createSimulatedBillingExportSource({ now: () => now }) });
  expect(report.errors).toEqual([]);
}, 300_000);

describe("billed vs estimated on the simulated bill", () => {
  it("matches SQL over the raw line items and telemetry minutes for every pool-day", async () => {
    const result = await getBilledVsEstimated({ days: 6, now });
    const billed = await sql<{ pool: string; day: string; usd: string }>(
      `SELECT "poolId" AS pool, to_char("chargePeriodStart" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
         sum("effectiveCost")::text AS usd
       FROM "BillingLineItem" WHERE "poolId" IS NOT NULL GROUP BY 1, 2`,
    );
    const estimated = await sql<{ pool: string; day: string; usd: number }>(
      `SELECT pm."poolId" AS pool, to_char(t.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
         sum(t.spend_usd) + sum(t.idle_reserved_usd) AS usd
       FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
       WHERE t.ts >= $1 GROUP BY 1, 2`,
      [new Date(today - 5 * DAY_MS)],
    );
    expect(result.billedUntil).toBe(new Date(today - DAY_MS).toISOString());
    const billedOf = new Map(billed.map((b) => [`${b.pool}|${b.day}`, Number(b.usd)]));
    const estimatedOf = new Map(estimated.map((e) => [`${e.pool}|${e.day}`, Number(e.usd)]));
    expect(result.rows.length).toBe(estimatedOf.size);
    for (const row of result.rows) {
      const k = `${row.poolId}|${row.day}`;
      // Amounts are cents strings footed to the day's total (largest remainder): within a cent.
      expect(Math.abs(Number(row.estimatedUsd) - estimatedOf.get(k)!), k).toBeLessThan(0.01);
      if (row.day >= day(today - DAY_MS)) expect(row.billedUsd, k).toBeNull();
      else expect(Math.abs(Number(row.billedUsd) - (billedOf.get(k) ?? 0)), k).toBeLessThan(0.01);
    }
    // Each day's fleet total is the sum of its pool rows, to the cent, and is the exact sum rounded once.
    for (const d of result.days) {
      const of = result.rows.filter((r) => r.day === d.day);
      const exactEstimate = of.reduce((a, r) => a + estimatedOf.get(`${r.poolId}|${r.day}`)!, 0);
      expect(Math.abs(Number(d.estimatedUsd) - exactEstimate), d.day).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(
        of.reduce((a, r) => a + cents(r.estimatedUsd!), 0),
        d.day,
      ).toBe(cents(d.estimatedUsd!));
      if (d.billedUsd !== null)
        expect(
          of.reduce((a, r) => a + cents(r.billedUsd!), 0),
          d.day,
        ).toBe(cents(d.billedUsd));
    }
    // Per chip family, the billed pool-days summed by SQL here.
    const byFamily = await sql<{ family: string; billed: string; estimated: number }>(
      `WITH b AS (
         SELECT "poolId", sum("effectiveCost") AS usd FROM "BillingLineItem"
         WHERE "poolId" IS NOT NULL AND "chargePeriodStart" >= $1 AND "chargePeriodStart" < $2 GROUP BY 1),
       e AS (
         SELECT pm."poolId", sum(t.spend_usd) + sum(t.idle_reserved_usd) AS usd
         FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
         WHERE t.ts >= $1 AND t.ts < $2 GROUP BY 1)
       SELECT p."chipFamily"::text AS family, sum(coalesce(b.usd, 0))::text AS billed, sum(e.usd) AS estimated
       FROM "Pool" p JOIN e ON e."poolId" = p.id LEFT JOIN b ON b."poolId" = p.id
       GROUP BY 1 ORDER BY 1`,
      [new Date(today - 5 * DAY_MS), new Date(today - DAY_MS)],
    );
    expect(result.chipFamilies.map((f) => f.chipFamily)).toEqual(byFamily.map((f) => f.family));
    for (const [i, f] of byFamily.entries()) {
      // The sums of the family's billed pool-day rows as shown: within a cent per row of SQL's sum.
      const rows = result.rows.filter((r) => r.chipFamily === f.family && r.billedUsd !== null);
      const family = result.chipFamilies[i]!;
      expect(cents(family.billedUsd), f.family).toBe(rows.reduce((a, r) => a + cents(r.billedUsd!), 0));
      expect(Math.abs(Number(family.billedUsd) - Number(f.billed)), f.family).toBeLessThan(0.01 * rows.length);
      expect(Math.abs(Number(family.estimatedUsd) - Number(f.estimated)), f.family).toBeLessThan(0.01 * rows.length);
    }
    // No bill for yesterday or today: the lag.
    expect(billed.filter((b) => b.day >= day(today - DAY_MS))).toEqual([]);
  });

  it("per model and chip family per day: estimates as SQL over the raw minutes, the bill split without loss", async () => {
    const result = await getBilledVsEstimated({ days: 6, now });
    const models = await sql<{ model: string; day: string; usd: number }>(
      `SELECT pm."modelId" AS model, to_char(t.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
         sum(t.spend_usd) + sum(t.idle_reserved_usd) AS usd
       FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
       WHERE t.ts >= $1 GROUP BY 1, 2`,
      [new Date(today - 5 * DAY_MS)],
    );
    expect(result.byModelDay.length).toBe(models.length);
    for (const m of models) {
      const row = result.byModelDay.find((r) => r.key === m.model && r.day === m.day)!;
      expectUsd(row.estimatedUsd, Number(m.usd), `${m.model} ${m.day}`);
    }
    const billedByDay = await sql<{ day: string; usd: string }>(
      `SELECT to_char("chargePeriodStart" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, sum("effectiveCost")::text AS usd
       FROM "BillingLineItem" WHERE "poolId" IS NOT NULL AND "chargePeriodStart" >= $1 GROUP BY 1`,
      [new Date(today - 5 * DAY_MS)],
    );
    for (const b of billedByDay) {
      // Each model row is rounded once: the day's model rows are within a cent per row of the pools' bill.
      const dayRows = result.byModelDay.filter((r) => r.day === b.day && r.billedUsd !== null);
      const sum = dayRows.reduce((a, r) => a + Number(r.billedUsd), 0);
      expect(Math.abs(sum - Number(b.usd)), b.day).toBeLessThanOrEqual(0.005 * dayRows.length + 1e-6);
      const families = result.byChipFamilyDay.filter((r) => r.day === b.day && r.billedUsd !== null);
      const familySum = families.reduce((a, r) => a + Number(r.billedUsd), 0);
      expect(Math.abs(familySum - Number(b.usd)), b.day).toBeLessThanOrEqual(0.005 * families.length + 1e-6);
    }
    for (const r of [...result.byModelDay, ...result.byChipFamilyDay])
      if (r.billedUsd !== null && r.estimatedUsd !== null)
        expect(cents(r.driftUsd!)).toBe(cents(r.billedUsd) - cents(r.estimatedUsd));
  });

  it("finds the deliberate discrepancy and only it over the threshold", async () => {
    const result = await getBilledVsEstimated({ days: 6, now });
    const over = result.rows.filter((r) => r.overThreshold);
    // 3 days before the newest billed day (today − 2), but no earlier than the first whole day of
    // telemetry (backfilled 4 days: today − 3).
    const oddDay = day(Math.max(today - 3 * DAY_MS, today - 2 * DAY_MS - DISCREPANCY_DAYS_AGO * DAY_MS));
    expect(over.map((r) => [r.poolId, r.day])).toEqual([[over[0]!.poolId, oddDay]]);
    const [price] = await sql<{ usd: number }>(
      `SELECT ip."onDemandUsdPerHour" AS usd FROM "Pool" p
       JOIN "InstancePrice" ip ON ip."instanceType" = p."instanceType" AND ip.region = p.region WHERE p.id = $1`,
      [over[0]!.poolId],
    );
    // A Trainium ASG pool (no Savings Plan): the drift is exactly the untracked instance-hours.
    expect(over[0]!.chipFamily).toBe("trainium");
    // Billed − estimated of the two footed strings: within two cents of the exact drift.
    expect(Math.abs(Number(over[0]!.driftUsd!) - DISCREPANCY_INSTANCE_HOURS * price!.usd)).toBeLessThan(0.02);
  });

  it("bills unused reservation hours to the reservation's pool, and Graviton on-demand hours at the Savings Plan rate", async () => {
    const [unused] = await sql<{ n: number; pools: string[] }>(
      `SELECT count(*)::int AS n, array_agg(DISTINCT "poolId") AS pools FROM "BillingLineItem"
       WHERE "capacityReservationStatus" = 'Unused' AND "poolId" = $1 AND "mappedBy" = 'reservation'`,
      [SIM_IDLE_RESERVED_POOL_ID],
    );
    expect(unused!.n).toBeGreaterThan(0);
    const sp = await sql<{ list: string; effective: string; day: string }>(
      `SELECT li."listCost"::text AS list, li."effectiveCost"::text AS effective,
         to_char(li."chargePeriodStart" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
       FROM "BillingLineItem" li JOIN "Pool" p ON p.id = li."poolId"
       WHERE p."chipFamily" = 'graviton' AND li."capacityReservationId" IS NULL AND li."chargeDescription" LIKE 'On Demand%'`,
    );
    expect(sp.length).toBeGreaterThan(0);
    for (const r of sp) {
      const factor = r.day === day(today - 2 * DAY_MS) ? 1 : 1 - SAVINGS_PLAN_DISCOUNT; // newest day not restated yet
      expect(Number(r.effective)).toBeCloseTo(Number(r.list) * factor, 6);
    }
  });

  it("lists the same files (ETags) again from its per-day usage cache as from a fresh read", async () => {
    const source = createSimulatedBillingExportSource({ now: () => now });
    const first = await source.listFiles();
    expect(await source.listFiles()).toEqual(first);
    expect(await createSimulatedBillingExportSource({ now: () => now }).listFiles()).toEqual(first);
    expect(first.files.length).toBeGreaterThan(0);
  });

  it("restates the newest billed day once the next day is billed: the period's rows are replaced", async () => {
    const newest = day(today - 2 * DAY_MS);
    const before = await sql<{ usd: string }>(
      `SELECT sum("effectiveCost")::text AS usd FROM "BillingLineItem" li JOIN "Pool" p ON p.id = li."poolId"
       WHERE p."chipFamily" = 'graviton' AND to_char(li."chargePeriodStart" AT TIME ZONE 'UTC', 'YYYY-MM-DD') = $1
         AND li."chargeDescription" LIKE 'On Demand%'`,
      [newest],
    );
    const tomorrow = new Date(now.getTime() + DAY_MS);
    const report = await ingestBillingExport({ source: createSimulatedBillingExportSource({ now: () => tomorrow }) });
    expect(report.periods.some((p) => p.status === "replaced")).toBe(true);
    const after = await sql<{ usd: string; list: string }>(
      `SELECT sum("effectiveCost")::text AS usd, sum("listCost")::text AS list FROM "BillingLineItem" li
       JOIN "Pool" p ON p.id = li."poolId"
       WHERE p."chipFamily" = 'graviton' AND to_char(li."chargePeriodStart" AT TIME ZONE 'UTC', 'YYYY-MM-DD') = $1
         AND li."chargeDescription" LIKE 'On Demand%'`,
      [newest],
    );
    expect(Number(after[0]!.usd)).toBeCloseTo(Number(before[0]!.usd) * (1 - SAVINGS_PLAN_DISCOUNT), 4);
    expect(Number(after[0]!.usd)).toBeCloseTo(Number(after[0]!.list) * (1 - SAVINGS_PLAN_DISCOUNT), 4);
    const [dupes] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM "BillingLineItem"
         GROUP BY "resourceId", "chargePeriodStart", "chargeDescription" HAVING count(*) > 1) d`,
    );
    expect(dupes!.n).toBe(0);
  });

  it("GET /api/billing: a viewer gets the same figures; no session is 401, a bad days is 400", async () => {
    const response = await GET(appRequest("/api/billing?days=6", { role: "viewer" }));
    expect(response.status).toBe(200);
    const body = ZBilledVsEstimated.parse(await response.json());
    expect(body.rows.filter((r) => r.overThreshold).map((r) => r.poolId)).toHaveLength(1);
    expect(body.days.map((d) => d.day).at(-1)).toBe(day(today));
    expect(body.days.at(-1)!.billedUsd).toBeNull();
    expect((await GET(appRequest("/api/billing", { role: null }))).status).toBe(401);
    expect((await GET(appRequest("/api/billing?days=0", { role: "viewer" }))).status).toBe(400);
    expect((await GET(appRequest("/api/billing?days=7&x=1", { role: "viewer" }))).status).toBe(400);
  });

  it("puts the over-threshold pool-day in Needs attention", async () => {
    const [latest] = await sql<{ ts: Date }>(`SELECT max(ts) AS ts FROM telemetry_minute`);
    const end = new Date(latest!.ts.getTime() + 60_000);
    const onCall = await getOnCallSummary({
      range: { from: new Date(end.getTime() - 3_600_000), to: end, stepSeconds: 60, table: "minute", preset: "1h" },
      end,
      lagSeconds: 0,
    });
    const drift = onCall.attention.filter((a) => a.kind === "billing_drift");
    expect(drift).toHaveLength(1);
    expect(drift[0]!.detail).toMatch(
      /^\d{4}-\d{2}-\d{2}: billed \$[\d,]+\.\d{2} vs estimated \$[\d,]+\.\d{2} \(\+[\d.]+ %\)$/,
    );
  });
});
