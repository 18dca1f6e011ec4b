import { footUsd } from "@/lib/money/foot";
import type { TUsd } from "@/lib/money/usd";
import type { TMetrics } from "./metric-dto";

/**
 * Foots a table's spend column: sets each row's metrics.spendUsd from its float amount by largest
 * remainder and returns the total (Σ amounts rounded once), which the rows add up to exactly.
 * For tables whose rows partition what the total counts (models of the fleet: every series belongs
 * to one model). The same rows in the same order foot the same way on every page.
 */
export function footSpend(rows: Array<{ metrics: TMetrics }>, amounts: number[]): TUsd {
  const footed = footUsd(amounts);
  rows.forEach((row, i) => (row.metrics.spendUsd = footed.rows[i]!));
  return footed.total;
}
