import "server-only";
import { billedUntilOf, utcDay } from "@/lib/billing/compare-billed";
import { queryBillEnd } from "@/lib/billing/query-billed-by-pool-day";
import { queryBilledByDay, queryBillStart } from "@/lib/billing/query-billed-by-day";
import { getPrisma } from "@/lib/db";
import { footUsd } from "@/lib/money/foot";
import { usd } from "@/lib/money/usd";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import type { TCommitmentBurn } from "./capacity-dto";
import { burnPoints, computeCommitmentBurn } from "./commitment-burn-math";
import { type CommitmentTerm, planAt, ZYearlyPlanUsd } from "./commitment-plan";

/**
 * Each commitment's burn from the bill (figures defined in commitment-burn-math.ts): billed days
 * from the ingested FOCUS export, estimated days from telemetry after the bill's boundary, the
 * declared yearly plan, and the forecast to the end with its range.
 */
export async function getCommitmentBurn({ end }: { end: Date }): Promise<TCommitmentBurn[]> {
  const [commitments, billStart, billEnd] = await Promise.all([
    getPrisma().commitment.findMany({ orderBy: { startAt: "asc" } }),
    queryBillStart(),
    queryBillEnd(),
  ]);
  return Promise.all(
    commitments.map(async (c) => {
      const asOf = new Date(Math.max(c.startAt.getTime(), Math.min(end.getTime(), c.endAt.getTime())));
      const term: CommitmentTerm = {
        totalUsd: c.totalUsd,
        startAt: c.startAt,
        endAt: c.endAt,
        yearlyPlanUsd: c.yearlyPlanUsd === null ? null : ZYearlyPlanUsd.parse(c.yearlyPlanUsd),
      };
      // The bill's days [from, until); a bill that ends before its first day (or none) is no bill.
      const until = billedUntilOf(billEnd, asOf);
      const bill = billStart && until && billStart < until ? { from: billStart, until } : null;
      const estimateFrom = new Date(Math.max(c.startAt.getTime(), (bill?.until ?? utcDay(c.startAt)).getTime()));
      const [billDays, sums] = await Promise.all([
        bill ? queryBilledByDay({ from: bill.from, to: bill.until }) : Promise.resolve([]),
        estimateFrom < asOf
          ? queryTelemetrySums({
              range: { from: estimateFrom, to: asOf, stepSeconds: 86_400, table: "hourly" },
              groupBy: "fleet",
              bucketed: true,
              latency: false, // dollars only: no histograms to carry
            })
          : Promise.resolve([]),
      ]);
      const figures = computeCommitmentBurn({
        term,
        priorSpendUsd: c.priorSpendUsd,
        asOf,
        billDays,
        billFrom: bill?.from ?? null,
        billedUntil: bill?.until ?? null,
        estimateDays: sums.flatMap((s) =>
          s.bucket
            ? [{ day: utcDay(s.bucket), fleetUsd: s.spendUsd + s.idleReservedUsd, observedMinutes: s.observedMinutes }]
            : [],
        ),
      });
      const burned = footUsd([c.priorSpendUsd, figures.billedUsd, figures.estimatedUsd]);
      const f = figures.forecast;
      return {
        id: c.id,
        name: c.name,
        totalUsd: usd(c.totalUsd),
        startAt: c.startAt.toISOString(),
        endAt: c.endAt.toISOString(),
        asOf: asOf.toISOString(),
        takeOrPay: c.takeOrPay,
        priorSpendUsd: burned.rows[0]!,
        billedUsd: burned.rows[1]!,
        fleetBilledUsd: usd(figures.fleetBilledUsd),
        fleetSharePct: figures.billedUsd > 0 ? (figures.fleetBilledUsd / figures.billedUsd) * 100 : null,
        estimatedUsd: burned.rows[2]!,
        otherServicesUsdPerDay: usd(figures.otherServicesUsdPerDay),
        billFrom: bill?.from.toISOString() ?? null,
        billedUntil: bill?.until.toISOString() ?? null,
        burnedToDateUsd: burned.total,
        planToDateUsd: usd(figures.planToDateUsd),
        planAtEndUsd: usd(planAt(term, c.endAt)),
        runRateUsdPerDay: usd(figures.rate.usdPerDay),
        runRateLowUsdPerDay: usd(figures.rate.lowUsdPerDay),
        runRateHighUsdPerDay: usd(figures.rate.highUsdPerDay),
        runRateDays: figures.rate.days,
        runRateWeeks: figures.rate.weeks,
        forecastAtEndUsd: usd(f.mid),
        forecastLowUsd: usd(f.low),
        forecastHighUsd: usd(f.high),
        forecastVsTotalUsd: usd(f.mid - c.totalUsd),
        forecastLowVsTotalUsd: usd(f.low - c.totalUsd),
        forecastHighVsTotalUsd: usd(f.high - c.totalUsd),
        days: figures.history.map((d) => ({
          day: d.day.toISOString().slice(0, 10),
          kind: d.kind,
          burnedUsd: usd(d.burnedUsd),
          fleetUsd: usd(d.fleetUsd),
        })),
        points: burnPoints({ term, priorSpendUsd: c.priorSpendUsd, asOf, figures }),
      };
    }),
  );
}
