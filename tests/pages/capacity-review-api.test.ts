import { describe, expect, it } from "vitest";
import { GET as reviewGET } from "@/app/api/capacity/review/route";
import { GET as modelsGET } from "@/app/api/models/route";
import { ZCapacityReview } from "@/lib/capacity/review-dto";
import { forgetFleetReads } from "@/lib/cache/fleet-read-cache";
import { ZModelList } from "@/lib/models/model-dto";
import { SIM_HOT_POOL_ID, SIM_IDLE_RESERVED_POOL_ID } from "@/lib/simulator/pools";
import { callRoute, sql, useSeededFleet } from "./seeded-fleet";
import { expectUsd } from "../setup/expect-usd";

const cents = (usd: string) => Math.round(Number(usd) * 100);

useSeededFleet();

describe("GET /api/capacity/review", () => {
  it("refuses anonymous callers, malformed months, unknown params and months not started", async () => {
    expect((await callRoute(reviewGET, "/api/capacity/review", { role: null })).status).toBe(401);
    for (const q of ["?month=2026-13", "?month=nov", "?month=2026-11&range=7d", "?month=2999-01"]) {
      const { status, body } = await callRoute(reviewGET, `/api/capacity/review${q}`);
      expect(status, q).toBe(400);
      expect(body.error.message.length, q).toBeGreaterThan(5);
    }
  });

  it("reports the month per model equal to SQL and to the models page for the same window", async () => {
    const { status, body } = await callRoute(reviewGET, "/api/capacity/review");
    expect(status).toBe(200);
    const review = ZCapacityReview.parse(body);
    expect(review.month).toBe(review.months[0]);
    expect(review.range.from).toBe(`${review.month}-01T00:00:00.000Z`);
    const expected = await sql<{ model: string; spend: number; idle: number; units: number }>(
      `SELECT pm."modelId" AS model, sum(t.spend_usd) AS spend, sum(t.idle_reserved_usd) AS idle, sum(t.units) AS units
       FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id WHERE t.ts >= $1 AND t.ts < $2 GROUP BY 1`,
      [review.range.from, review.range.to],
    );
    expect(review.models).toHaveLength(expected.length);
    for (const e of expected) {
      const row = review.models.find((m) => m.id === e.model)!;
      // Footed to the fleet total: within a cent of the amount (largest remainder), not half a cent.
      expect(Math.abs(Number(row.current.spendUsd) - e.spend), e.model).toBeLessThan(0.01);
      expectUsd(row.current.idleReservedUsd, e.idle, e.model);
      // Fully loaded: the model's own idle reserved dollars added to its spend, per unit.
      const scale = row.kind === "vlm" ? 1e3 : 1e6;
      expect(row.current.fullyLoadedCostPerUnitUsd!, e.model).toBeCloseTo(((e.spend + e.idle) / e.units) * scale, 6);
    }
    const models = ZModelList.parse(
      (await callRoute(modelsGET, `/api/models?range=custom&from=${review.range.from}&to=${review.range.to}`)).body,
    );
    for (const m of review.models) {
      const other = models.models.find((x) => x.id === m.id)!;
      expect(Math.abs(cents(m.current.spendUsd) - cents(other.metrics.spendUsd)), m.id).toBeLessThanOrEqual(1);
      expect(m.current.costPerUnitUsd!, m.id).toBeCloseTo(other.costPerUnitUsd!, 6);
      expect(m.current.fullyLoadedCostPerUnitUsd!, m.id).toBeCloseTo(other.fullyLoadedCostPerUnitUsd!, 6);
      expect(m.current.utilizationPct!, m.id).toBeCloseTo(other.metrics.utilizationPct!, 6);
    }
    // This month reads today's fleet, and says so; the same unallocated line as the models page.
    expect(review.fleetBasis.source).toBe("current");
    expect(review.unallocatedIdleReserved.usd).toBe(models.unallocatedIdleReserved.usd);
    expectUsd(
      review.fleet.current!.spendUsd,
      expected.reduce((a, e) => a + e.spend, 0),
    );
    // Both tables foot: Σ of the rounded rows is the fleet total, to the cent.
    const fleetCents = cents(review.fleet.current!.spendUsd);
    expect(review.models.reduce((a, m) => a + cents(m.current.spendUsd), 0)).toBe(fleetCents);
    expect(review.chipFamilies.reduce((a, c) => a + cents(c.current.spendUsd), 0)).toBe(fleetCents);
  });

  it("reports the month's telemetry coverage from the stored minute rows", async () => {
    const review = ZCapacityReview.parse((await callRoute(reviewGET, "/api/capacity/review")).body);
    const [stored] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM telemetry_minute WHERE ts >= $1 AND ts < $2`,
      [review.range.from, review.range.to],
    );
    // The simulated fleet reports every series every minute since the backfill began.
    expect(review.coverage.presentSeriesMinutes).toBe(stored!.n);
    expect(review.coverage.expectedSeriesMinutes).toBeGreaterThanOrEqual(stored!.n);
    expect(review.coverage.coveragePct!).toBeGreaterThan(review.coverage.warnBelowPct);
    expect(review.pricing.hours % 24).toBe(0);
  });

  it("leaves the previous month blank exactly when it has no telemetry", async () => {
    const review = ZCapacityReview.parse((await callRoute(reviewGET, "/api/capacity/review")).body);
    const [prev] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM telemetry_minute WHERE ts >= $1 AND ts < $2`,
      [review.previousRange.from, review.previousRange.to],
    );
    expect(review.fleet.previous === null).toBe(prev!.n === 0);
    for (const m of review.models) expect(m.previous === null, m.id).toBe(prev!.n === 0);
    const older = ZCapacityReview.parse(
      (await callRoute(reviewGET, `/api/capacity/review?month=${review.months.at(-1)}`)).body,
    );
    expect(older.fleet.current).toBeNull();
    expect(older.models).toEqual([]);
  });

  it("ranks recommendations: the hot pool's SLO risk first, then the idle reservation and the expiring one", async () => {
    const review = ZCapacityReview.parse((await callRoute(reviewGET, "/api/capacity/review")).body);
    const recs = review.recommendations;
    expect(recs.map((r) => r.rank)).toEqual(recs.map((_, i) => i + 1));
    expect(recs[0]).toMatchObject({ kind: "launch_for_slo", poolId: SIM_HOT_POOL_ID, severity: "critical" });
    const idle = recs.find((r) => r.kind === "release_idle_reservation")!;
    expect(idle.poolId).toBe(SIM_IDLE_RESERVED_POOL_ID);
    // Priced over the reviewed month's real hours (days in the month × 24).
    const [y, m] = review.month.split("-").map(Number) as [number, number];
    const hours = new Date(Date.UTC(y, m, 0)).getUTCDate() * 24;
    expect(idle.title).toContain("12 of 16 reserved trn2.48xlarge");
    // The reservation bills for 240 more days whatever happens: nothing saved this month.
    expect(idle.monthlyUsd).toBe("0.00");
    // 12 × $27.40 × hours, with cents, in the one amount format ("$236,736.00" for 720 h).
    const idleCost = (12 * 27.4 * hours).toLocaleString("en-US", {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    expect(idle.detail).toContain(`$${idleCost}/month (${hours} h)`);
    const renew = recs.find((r) => r.kind === "renew_reservation")!;
    expect(renew.poolId).toBe("scribe-13b-code-use1-trn1-a");
    // All 10 reserved instances are in use: 10 × ($21.50 − $13.10)/h × hours.
    expectUsd(renew.monthlyUsd, -10 * (21.5 - 13.1) * hours);
    expect(recs.filter((r) => r.kind === "release_idle_reservation")).toHaveLength(1);
  });

  it("ranks savings last, saying they only widen the shortfall, while the take-or-pay commitment is forecast short", async () => {
    const before = ZCapacityReview.parse((await callRoute(reviewGET, "/api/capacity/review")).body);
    // A commitment no fleet can burn: 1e12 over the term, take-or-pay (as the simulated one is declared).
    await sql(`UPDATE "Commitment" SET "totalUsd" = 1e12, "yearlyPlanUsd" = NULL, "takeOrPay" = true`);
    forgetFleetReads();
    try {
      const after = ZCapacityReview.parse((await callRoute(reviewGET, "/api/capacity/review")).body);
      const savings = after.recommendations.filter((r) => cents(r.monthlyUsd) > 0);
      expect(savings.length).toBeGreaterThan(0);
      for (const r of after.recommendations) expect(r.widensTakeOrPayShortfall, r.kind).toBe(cents(r.monthlyUsd) > 0);
      // The others first, in their usual order; then the savings, in theirs.
      const others = after.recommendations.filter((r) => cents(r.monthlyUsd) <= 0);
      expect(after.recommendations.map((r) => r.title)).toEqual([...others, ...savings].map((r) => r.title));
      expect(others.map((r) => r.title)).toEqual(
        before.recommendations.filter((r) => cents(r.monthlyUsd) <= 0).map((r) => r.title),
      );
      for (const r of savings) expect(r.detail).toContain("this saving only widens it");
      // Not take-or-pay: no flag, the usual order.
      await sql(`UPDATE "Commitment" SET "takeOrPay" = false`);
      forgetFleetReads();
      const plain = ZCapacityReview.parse((await callRoute(reviewGET, "/api/capacity/review")).body);
      expect(plain.recommendations.some((r) => r.widensTakeOrPayShortfall)).toBe(false);
    } finally {
      await sql(`UPDATE "Commitment" SET "totalUsd" = 420000000, "takeOrPay" = true`);
      forgetFleetReads();
    }
  });
});
