import "server-only";
import { getPrisma } from "@/lib/db";

// The bill per UTC day of ChargePeriodStart as the commitment counts it (lib/capacity/
// commitment-burn-math.ts): Σ EffectiveCost of every line item, all services, Tax excluded, and the
// part of it mapped to a pool. Raw SQL for the truncated-day grouping; numeric sums, exact in SQL.
export type BilledDay = { day: Date; countedUsd: number; fleetUsd: number };

export async function queryBilledByDay(args: { from: Date; to: Date }): Promise<BilledDay[]> {
  const rows = await getPrisma().$queryRaw<{ day: Date; counted: string | null; fleet: string | null }[]>`
    SELECT date_bin('1 day', "chargePeriodStart", TIMESTAMPTZ 'epoch') AS day,
      sum("effectiveCost") FILTER (WHERE "chargeCategory" <> 'Tax')::text AS counted,
      sum("effectiveCost") FILTER (WHERE "chargeCategory" <> 'Tax' AND "poolId" IS NOT NULL)::text AS fleet
    FROM "BillingLineItem"
    WHERE "chargePeriodStart" >= ${args.from} AND "chargePeriodStart" < ${args.to}
    GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({ day: r.day, countedUsd: Number(r.counted ?? 0), fleetUsd: Number(r.fleet ?? 0) }));
}

/** The UTC day of the bill's first charge period (any row), or null when nothing is ingested. */
export async function queryBillStart(): Promise<Date | null> {
  const agg = await getPrisma().billingLineItem.aggregate({ _min: { chargePeriodStart: true } });
  const first = agg._min.chargePeriodStart;
  return first ? new Date(Math.floor(first.getTime() / 86_400_000) * 86_400_000) : null;
}
