import { LATENCY_BUCKETS } from "@/lib/telemetry/latency-histogram";
import type { TelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";

/** The sums of a group without telemetry in the window (derived metrics: nulls and zeros). */
export const EMPTY_SUMS: TelemetrySums = {
  instanceMinutes: 0,
  busyInstanceMinutes: 0,
  utilizationInstanceMinutes: 0,
  requests: 0,
  requestSeriesMinutes: 0,
  units: 0,
  unitSeriesMinutes: 0,
  latencyRequests: 0,
  p50MsXRequests: 0,
  p95MsXRequests: 0,
  p99MsXRequests: 0,
  reservedInstanceMinutes: 0,
  spendUsd: 0,
  idleReservedUsd: 0,
  sloBreachMinutes: 0,
  latencyHistogram: new Float64Array(LATENCY_BUCKETS),
  requestsWithinSlo: null,
  requestsAtObservedMinutes: null,
  unitsAtObservedMinutes: null,
  seriesMinutes: 0,
  observedMinutes: 0,
};
