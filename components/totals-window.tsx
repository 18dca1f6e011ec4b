import { fmtWindow } from "./format";

/** "Totals over 2026-12-04 10:23 → 2026-12-05 10:23 UTC (24 h)": the window a page's totals sum, exactly. */
export function TotalsWindow({
  range,
  label = "Totals over",
}: {
  range: { from: string; to: string };
  label?: string;
}) {
  return (
    <span data-testid="totals-window">
      {label} {fmtWindow(range.from, range.to)}
    </span>
  );
}
