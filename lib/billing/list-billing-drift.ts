import "server-only";
import type { TUsd } from "@/lib/money/usd";
import { getBilledVsEstimated } from "./get-billed-vs-estimated";
import { queryBillEnd } from "./query-billed-by-pool-day";

/** Days of bill the overview's Needs attention looks back over. */
export const DRIFT_ATTENTION_DAYS = 7;

export type BillingDriftItem = {
  poolId: string;
  day: string;
  billedUsd: TUsd;
  estimatedUsd: TUsd | null;
  driftUsd: TUsd;
  driftPct: number | null;
};

/** Pool-days of the last week whose bill differs from the estimate beyond the configured threshold. */
export async function listBillingDrift(args: { now: Date }): Promise<BillingDriftItem[]> {
  if ((await queryBillEnd()) === null) return [];
  const result = await getBilledVsEstimated({ days: DRIFT_ATTENTION_DAYS, now: args.now });
  return result.rows.flatMap((r) =>
    r.overThreshold && r.billedUsd !== null && r.driftUsd !== null
      ? [
          {
            poolId: r.poolId,
            day: r.day,
            billedUsd: r.billedUsd,
            estimatedUsd: r.estimatedUsd,
            driftUsd: r.driftUsd,
            driftPct: r.driftPct,
          },
        ]
      : [],
  );
}
