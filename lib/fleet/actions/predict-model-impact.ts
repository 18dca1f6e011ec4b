// How a model on a pool fares when the pool's capacity changes from `before` to `after`
// instances, assuming its demand stays put: utilization scales by before/after, and p95 latency by
// the queueing factor (1 - ρ_now) / (1 - ρ_after). An estimate for the preview, labelled as such.
import type { ModelImpact } from "./action-preview-dto";

export type { ModelImpact } from "./action-preview-dto";

const RHO_CAP = 0.98;

export function predictModelImpact(args: {
  before: number;
  after: number;
  utilizationPct: number | null;
  latencyP95Ms: number | null;
  sloP95Ms: number;
}): ModelImpact {
  const { before, after, utilizationPct, latencyP95Ms, sloP95Ms } = args;
  const base = { utilizationPctNow: utilizationPct, latencyP95MsNow: latencyP95Ms, sloP95Ms };
  if (utilizationPct === null || before <= 0)
    return { ...base, utilizationPctAfter: null, latencyP95MsAfter: null, headroomMsAfter: null, saturated: false };
  if (after <= 0)
    return { ...base, utilizationPctAfter: null, latencyP95MsAfter: null, headroomMsAfter: null, saturated: true };
  const rhoNow = Math.min(utilizationPct / 100, RHO_CAP);
  const rhoAfter = (utilizationPct / 100) * (before / after);
  const saturated = rhoAfter >= RHO_CAP;
  const latencyP95MsAfter = latencyP95Ms === null || saturated ? null : (latencyP95Ms * (1 - rhoNow)) / (1 - rhoAfter);
  return {
    ...base,
    utilizationPctAfter: Math.min(100, rhoAfter * 100),
    latencyP95MsAfter,
    headroomMsAfter: latencyP95MsAfter === null ? null : sloP95Ms - latencyP95MsAfter,
    saturated,
  };
}
