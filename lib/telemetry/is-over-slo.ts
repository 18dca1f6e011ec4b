// The one definition of an SLO breach, for pages and server code alike (pure, client-safe): p95
// latency strictly above the model's p95 SLO. No latency (no requests) is not a breach.
// The SQL rollups count breach minutes with the same test (refresh-hourly-rollups.ts, query-telemetry-sums.ts).
export function isOverSlo(latencyP95Ms: number | null, sloP95Ms: number): boolean {
  return latencyP95Ms !== null && latencyP95Ms > sloP95Ms;
}
