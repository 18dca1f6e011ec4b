import { fmtUsd } from "./format";

/** "$0.412 /1M tokens" from a cost per unit and its label ("$/1M tokens"). */
export const fmtCostPerUnit = (v: number | null | undefined, costLabel: string) =>
  v == null ? "—" : `${fmtUsd(v, { digits: v < 10 ? 3 : 2 })} ${costLabel.replace("$", "")}`;

/** "+12.3 %" / "−4.0 %": a change between two figures, or — when there is nothing to compare. */
export function fmtChangePct(current: number | null | undefined, previous: number | null | undefined): string {
  if (current == null || previous == null || previous === 0) return "—";
  const pct = 100 * (current / previous - 1);
  return `${pct >= 0 ? "+" : "−"}${Math.abs(pct).toFixed(1)} %`;
}
