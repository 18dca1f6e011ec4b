import { fmtCount, fmtPct } from "@/components/format";
import type { TTelemetryCoverage } from "@/lib/capacity/review-dto";

/** The reviewed window's telemetry coverage, as a warning below its threshold. */
export function CoverageNote({ coverage, month }: { coverage: TTelemetryCoverage; month: string }) {
  const { coveragePct, warnBelowPct, presentSeriesMinutes, expectedSeriesMinutes, series, silentSeries } = coverage;
  const figures = `${fmtPct(coveragePct)} of expected series-minutes (${fmtCount(presentSeriesMinutes)} of ${fmtCount(expectedSeriesMinutes)} series-minutes from ${fmtCount(series)} series${silentSeries ? `, ${fmtCount(silentSeries)} with none` : ""})`;
  if (coveragePct !== null && coveragePct < warnBelowPct)
    return (
      <div className="banner warn" role="status" data-testid="coverage-warning" data-coverage-pct={coveragePct}>
        Telemetry covers only {figures} in {month}, below {fmtPct(warnBelowPct, 0)}: spend, utilization and the
        recommendations below leave out the missing minutes.
      </div>
    );
  return (
    <p className="muted small" data-testid="coverage" data-coverage-pct={coveragePct ?? undefined}>
      Telemetry coverage: {figures}. A series is one model on one pool, expected every minute from its first report.
    </p>
  );
}
