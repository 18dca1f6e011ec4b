import { fmtUsd } from "@/lib/money/format-usd";
import type { TPoolActionRequest } from "./action-input";
import { launchOverMax } from "./launch-over-max";
import type { ActionPreview, GuardrailVerdict } from "./action-preview-dto";
import type { GuardrailSettings } from "./guardrail-settings";

export type OverrideKey = keyof TPoolActionRequest["overrides"];

export type { GuardrailVerdict } from "./action-preview-dto";

/**
 * The server-side guardrails for a launch or drain, judged on its preview. Pure.
 * `recentDrained`: instances this pool's other drains took (or are taking) within the settings'
 * window, so a series of small drains is judged like one large one.
 */
export function evaluateGuardrails(args: {
  preview: ActionPreview;
  overrides: TPoolActionRequest["overrides"];
  settings: GuardrailSettings;
  recentDrained?: number;
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
    const overMax = launchOverMax(capacity, count);
    if (overMax) verdict.refusals.push(overMax);
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
    // The pool's own minimum is a hard limit: checked here, before any node is cordoned or evicted.
    if (capacity.desiredBefore - count < capacity.min)
      verdict.refusals.push(
        `would take the pool to ${capacity.desiredBefore - count} instances, below its minimum of ${capacity.min}`,
      );
    for (const m of preview.models) {
      if (m.servingInstancesAfter < m.minServingInstances) {
        verdict.refusals.push(
          `${m.modelId} would keep ${m.servingInstancesAfter} serving instances, below its minimum of ${m.minServingInstances}`,
        );
      }
    }
    // Share of the pool as it was before this window's drains: (earlier + this) / (in service + earlier).
    const earlier = args.recentDrained ?? 0;
    const base = capacity.inServiceBefore + earlier;
    const sharePct = base > 0 ? (100 * (count + earlier)) / base : 100;
    const share = `drains ${sharePct.toFixed(0)} % of the pool`;
    const within = `within ${settings.drainWindowHours} h (${earlier} instance(s) by earlier drains)`;
    if (sharePct > settings.maxDrainSharePct)
      needOverride("shareLimit", `${share} ${earlier > 0 ? within : "at once"} (limit ${settings.maxDrainSharePct} %)`);
    else if (sharePct > settings.approvalDrainSharePct)
      verdict.approvalReasons.push(
        `${share}${earlier > 0 ? ` ${within}` : ""} (above ${settings.approvalDrainSharePct} %)`,
      );
    // SLO risk: a model left saturated, or predicted over its p95 SLO, needs an override and a second person.
    const atRisk = preview.models.flatMap((m) =>
      m.saturated
        ? [`${m.modelId} would be saturated (its p95 cannot be predicted)`]
        : m.headroomMsAfter !== null && m.headroomMsAfter < 0
          ? [`${m.modelId}'s p95 would be ${Math.round(m.latencyP95MsAfter ?? 0)} ms, over its ${m.sloP95Ms} ms SLO`]
          : [],
    );
    if (atRisk.length) needOverride("sloRisk", atRisk.join("; "));
    if (preview.idleReserved.instancesAfter > preview.idleReserved.instancesBefore) {
      needOverride(
        "reservedIdle",
        `leaves ${preview.idleReserved.instancesAfter} reserved instance(s) idle (${fmtUsd(preview.idleReserved.usdPerHourAfter)}/h paid for nothing)`,
      );
    }
  }
  return verdict;
}
