import "server-only";
import { getPrisma } from "@/lib/db";

// Billed EffectiveCost (and ListCost) per pool and UTC day of ChargePeriodStart. Raw SQL because
// Prisma's groupBy cannot group by a truncated timestamp; the sums are numeric (exact) in SQL and
// become numbers only here, at the edge.
export type BilledPoolDay = { poolId: string | null; day: Date; effectiveUsd: number; listUsd: number };

export async function queryBilledByPoolDay(args: { from: Date; to: Date }): Promise<BilledPoolDay[]> {
  const rows = await getPrisma().$queryRaw<{ poolId: string | null; day: Date; effective: string; list: string }[]>`
    SELECT "poolId", date_bin('1 day', "chargePeriodStart", TIMESTAMPTZ 'epoch') AS day,
      sum("effectiveCost")::text AS effective, sum("listCost")::text AS list
    FROM "BillingLineItem"
    WHERE "chargePeriodStart" >= ${args.from} AND "chargePeriodStart" < ${args.to}
    GROUP BY 1, 2`;
  return rows.map((r) => ({
    poolId: r.poolId,
    day: r.day,
    effectiveUsd: Number(r.effective),
    listUsd: Number(r.list),
  }));
}

/** The end of the newest charge period in the bill (any row), or null when nothing is ingested. */
export async function queryBillEnd(): Promise<Date | null> {
  const agg = await getPrisma().billingLineItem.aggregate({ _max: { chargePeriodEnd: true } });
  return agg._max.chargePeriodEnd;
}
