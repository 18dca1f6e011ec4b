import type { ResolvedRange } from "@/lib/telemetry/sql/time-range";

/** The resolved range as every page payload reports it (the client shows and tests read it). */
export function rangeDto(range: ResolvedRange) {
  return { from: range.from.toISOString(), to: range.to.toISOString(), stepSeconds: range.stepSeconds, table: range.table, preset: range.preset };
}
