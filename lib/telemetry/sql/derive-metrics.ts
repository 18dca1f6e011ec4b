import { histogramQuantileMs, histogramTotal } from "@/lib/telemetry/latency-histogram";
import type { TelemetrySums } from "./query-telemetry-sums";

// Every displayed average and rate comes from sums through this function: utilization weighted by
// instances, rates per observed wall-clock minute. Latency percentiles are those of all the
// group's requests in the window: read from its merged latency histogram, never averaged from
// per-series percentiles. SLO attainment is the share of those requests served within their own
// model's p95 SLO (null with no measured request). Minutes without a latency histogram (stored
// before histograms existed, or with no measured requests) add no requests to either.
// Missing datapoints (null minute fields) are skipped, each average over its own denominator:
// utilization over the instance-minutes that had a utilization; a series' request or unit rate
// over the minutes that had the counter, so a series silent for part of the window counts at its
// measured rate, not at 0 (requestsAtObservedMinutes), summed over the group's series and divided
// by the observed minutes. No datapoint at all: null, not 0.
export type DerivedMetrics = {
  utilizationPct: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
  requestsPerSecond: number | null;
  unitsPerSecond: number | null;
  units: number;
  avgInstances: number;
  avgReservedInstances: number;
  spendUsd: number;
  spendUsdPerHour: number;
  idleReservedUsd: number;
  idleReservedUsdPerHour: number;
  sloAttainmentPct: number | null;
  /** Requests with a measured latency: the denominator of the percentiles and of attainment. */
  latencyRequests: number;
};

export function deriveMetrics(s: TelemetrySums): DerivedMetrics {
  const minutes = s.observedMinutes;
  const perHour = (x: number) => (minutes > 0 ? (x / minutes) * 60 : 0);
  const latencyRequests = histogramTotal(s.latencyHistogram);
  const perSecond = (atObserved: number | null) =>
    atObserved !== null && minutes > 0 ? atObserved / (minutes * 60) : null;
  return {
    utilizationPct:
      s.utilizationInstanceMinutes > 0 ? (100 * s.busyInstanceMinutes) / s.utilizationInstanceMinutes : null,
    latencyP50Ms: histogramQuantileMs(s.latencyHistogram, 0.5),
    latencyP95Ms: histogramQuantileMs(s.latencyHistogram, 0.95),
    latencyP99Ms: histogramQuantileMs(s.latencyHistogram, 0.99),
    requestsPerSecond: perSecond(s.requestsAtObservedMinutes),
    unitsPerSecond: perSecond(s.unitsAtObservedMinutes),
    units: s.units,
    avgInstances: minutes > 0 ? s.instanceMinutes / minutes : 0,
    avgReservedInstances: minutes > 0 ? s.reservedInstanceMinutes / minutes : 0,
    spendUsd: s.spendUsd,
    spendUsdPerHour: perHour(s.spendUsd),
    idleReservedUsd: s.idleReservedUsd,
    idleReservedUsdPerHour: perHour(s.idleReservedUsd),
    sloAttainmentPct:
      latencyRequests > 0 && s.requestsWithinSlo !== null ? (100 * s.requestsWithinSlo) / latencyRequests : null,
    latencyRequests,
  };
}
