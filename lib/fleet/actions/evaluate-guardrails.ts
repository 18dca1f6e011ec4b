import type { TPoolActionRequest } from "./action-input";
import type { ActionPreview, GuardrailVerdict } from "./action-preview-dto";
import type { GuardrailSettings } from "./guardrail-settings";

export type OverrideKey = keyof TPoolActionRequest["overrides"];

export type { GuardrailVerdict } from "./action-preview-dto";

/** The server-side guardrails for a launch or drain, judged on its preview. Pure. */
export function evaluateGuardrails(args: {
  preview: ActionPreview;
  overrides: TPoolActionRequest["overrides"];
  settings: GuardrailSettings;
}): GuardrailVerdict {
  const { preview, overrides, settings } = args;
  const { capacity, count } = preview;
  const verdict: GuardrailVerdict = { refusals: [], overridesRequired: [], approvalReasons: [] };
  const needOverride = (key: OverrideKey, message: string) => {
    if (overrides[key]) verdict.approvalReasons.push(`overrides a guardrail: ${message}`);
    else verdict.overridesRequired.push({ key, message });
  };

  if (count > settings.maxActionCount)
    verdict.refusals.push(`at most ${settings.maxActionCount} instances per action (asked for ${count})`);

  if (preview.kind === "launch") {
    if (capacity.desiredBefore + count > capacity.max)
      verdict.refusals.push(
        `would exceed the pool's max capacity of ${capacity.max} (desired ${capacity.desiredBefore} + ${count})`,
      );
    const onDemandBefore = Math.max(0, capacity.inServiceBefore - capacity.reserved);
    if (preview.onDemandInstancesAfter > onDemandBefore) {
      needOverride(
        "onDemand",
        `launches ${preview.onDemandInstancesAfter - onDemandBefore} instance(s) beyond reserved capacity (${capacity.reserved}) at on-demand prices`,
      );
    }
  } else {
    if (count > capacity.inServiceBefore)
      verdict.refusals.push(`only ${capacity.inServiceBefore} instances are in service`);
    for (const m of preview.models) {
      if (m.servingInstancesAfter < m.minServingInstances) {
        verdict.refusals.push(
          `${m.modelId} would keep ${m.servingInstancesAfter} serving instances, below its minimum of ${m.minServingInstances}`,
        );
      }
    }
    const sharePct = capacity.inServiceBefore > 0 ? (100 * count) / capacity.inServiceBefore : 100;
    if (sharePct > settings.maxDrainSharePct)
      needOverride(
        "shareLimit",
        `drains ${sharePct.toFixed(0)} % of the pool at once (limit ${settings.maxDrainSharePct} %)`,
      );
    else if (sharePct > settings.approvalDrainSharePct)
      verdict.approvalReasons.push(
        `drains ${sharePct.toFixed(0)} % of the pool (above ${settings.approvalDrainSharePct} %)`,
      );
    if (preview.idleReserved.instancesAfter > preview.idleReserved.instancesBefore) {
      needOverride(
        "reservedIdle",
        `leaves ${preview.idleReserved.instancesAfter} reserved instance(s) idle ($${preview.idleReserved.usdPerHourAfter.toFixed(2)}/h paid for nothing)`,
      );
    }
  }
  return verdict;
}
