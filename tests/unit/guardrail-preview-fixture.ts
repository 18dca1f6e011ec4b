import type { ActionPreview } from "@/lib/fleet/actions/action-preview-dto";

/**
 * A launch or drain preview built by hand for the guardrail tests: one model, prices per
 * instance-hour, spend and idle reserved $/h as lib/cost defines them (covered at the reserved
 * rate, the rest on demand; idle = unused reserved × reserved rate).
 */
export function preview(over: {
  kind: "launch" | "drain";
  count: number;
  inService: number;
  desired?: number;
  reserved?: number;
  max?: number;
  servingAfter?: number;
  minServing?: number;
  min?: number;
  saturated?: boolean;
  p95After?: number;
  /** $/instance-hour; defaults are small enough that no $/h limit is reached unless a test says so. */
  onDemandUsd?: number;
  reservedUsd?: number;
}): ActionPreview {
  const after = over.kind === "launch" ? over.inService + over.count : over.inService - over.count;
  const reserved = over.reserved ?? 0;
  const od = over.onDemandUsd ?? 1;
  const res = over.reservedUsd ?? 0.5;
  const spend = (b: number) => Math.min(b, reserved) * res + Math.max(0, b - reserved) * od;
  const idle = (b: number) => Math.max(0, reserved - b) * res;
  return {
    poolId: "p",
    kind: over.kind,
    count: over.count,
    capacity: {
      desiredBefore: over.desired ?? over.inService,
      inServiceBefore: over.inService,
      after,
      min: over.min ?? 1,
      max: over.max ?? 100,
      reserved,
    },
    spendUsdPerHour: { before: spend(over.inService), after: spend(after) },
    idleReserved: {
      instancesBefore: Math.max(0, reserved - over.inService),
      instancesAfter: Math.max(0, reserved - after),
      usdPerHourAfter: idle(after),
      usdPerHourBefore: idle(over.inService),
    },
    onDemandInstancesAfter: Math.max(0, after - reserved),
    models: [
      {
        modelId: "m",
        displayName: "M",
        servingInstancesBefore: 100,
        servingInstancesAfter: over.servingAfter ?? 100,
        minServingInstances: over.minServing ?? 1,
        utilizationPctNow: 50,
        utilizationPctAfter: 60,
        latencyP95MsNow: 100,
        latencyP95MsAfter: over.saturated ? null : (over.p95After ?? 120),
        sloP95Ms: 200,
        headroomMsAfter: over.saturated ? null : 200 - (over.p95After ?? 120),
        saturated: over.saturated ?? false,
      },
    ],
    drain: null,
    computedAt: "",
  };
}
