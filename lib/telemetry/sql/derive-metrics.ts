import type { TelemetrySums } from "./query-telemetry-sums";

// Every displayed average and rate comes from sums through this function: utilization weighted by
// instances, latency percentiles weighted by requests, rates per observed wall-clock minute.
export type DerivedMetrics = {
  utilizationPct: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
  requestsPerSecond: number;
  unitsPerSecond: number;
  units: number;
  avgInstances: number;
  avgReservedInstances: number;
  spendUsd: number;
  spendUsdPerHour: number;
  idleReservedUsd: number;
  idleReservedUsdPerHour: number;
  sloAttainmentPct: number | null;
};

export function deriveMetrics(s: TelemetrySums): DerivedMetrics {
  const minutes = s.observedMinutes;
  const perHour = (x: number) => (minutes > 0 ? (x / minutes) * 60 : 0);
  return {
    utilizationPct: s.instanceMinutes > 0 ? (100 * s.busyInstanceMinutes) / s.instanceMinutes : null,
    latencyP50Ms: s.requests > 0 ? s.p50MsXRequests / s.requests : null,
    latencyP95Ms: s.requests > 0 ? s.p95MsXRequests / s.requests : null,
    latencyP99Ms: s.requests > 0 ? s.p99MsXRequests / s.requests : null,
    requestsPerSecond: minutes > 0 ? s.requests / (minutes * 60) : 0,
    unitsPerSecond: minutes > 0 ? s.units / (minutes * 60) : 0,
    units: s.units,
    avgInstances: minutes > 0 ? s.instanceMinutes / minutes : 0,
    avgReservedInstances: minutes > 0 ? s.reservedInstanceMinutes / minutes : 0,
    spendUsd: s.spendUsd,
    spendUsdPerHour: perHour(s.spendUsd),
    idleReservedUsd: s.idleReservedUsd,
    idleReservedUsdPerHour: perHour(s.idleReservedUsd),
    sloAttainmentPct: s.seriesMinutes > 0 ? 100 * (1 - s.sloBreachMinutes / s.seriesMinutes) : null,
  };
}
