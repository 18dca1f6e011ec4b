import { hasRole, type Role } from "@/lib/auth/roles";
import { fmtUsd } from "@/lib/money/format-usd";
import type { TPoolActionRequest } from "./action-input";
import { launchOverMax } from "./launch-over-max";
import type { ActionPreview, GuardrailVerdict } from "./action-preview-dto";
import type { ApprovalRule } from "./approval-policy";
import type { GuardrailSettings } from "./guardrail-settings";
import { toCents, usdPerHourChange } from "./usd-per-hour-change";

export type OverrideKey = keyof TPoolActionRequest["overrides"];

export type { GuardrailVerdict } from "./action-preview-dto";

/**
 * The server-side guardrails for a launch or drain, judged on its preview under the pool's approval
 * rule (approval-policy.ts) for a requester of `actorRole`. Pure.
 * `recentDrained`: instances this pool's other drains took (or are taking) within the settings'
 * window, so a series of small drains is judged like one large one.
 */
export function evaluateGuardrails(args: {
  preview: ActionPreview;
  overrides: TPoolActionRequest["overrides"];
  settings: GuardrailSettings;
  rule: ApprovalRule;
  actorRole: Role;
  recentDrained?: number;
}): GuardrailVerdict {
  const { preview, overrides, settings, rule } = args;
  const { capacity, count } = preview;
  const verdict: GuardrailVerdict = {
    refusals: [],
    overridesRequired: [],
    approvalReasons: [],
    allowedAlone: [],
    policySources: rule.sources,
  };
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
      const what = `launches ${preview.onDemandInstancesAfter - onDemandBefore} instance(s) beyond reserved capacity (${capacity.reserved}) at on-demand prices`;
      const alone = judgeOnDemandAlone(preview, rule, args.actorRole);
      if (alone.ok) verdict.allowedAlone.push(`${what}: ${alone.why}`);
      else needOverride("onDemand", `${what} (${alone.why})`);
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
    const { overrideAboveSharePct, approvalAboveSharePct, approvalBelowSloHeadroomPct } = rule.drain;
    if (sharePct > overrideAboveSharePct)
      needOverride("shareLimit", `${share} ${earlier > 0 ? within : "at once"} (limit ${overrideAboveSharePct} %)`);
    else if (sharePct > approvalAboveSharePct)
      verdict.approvalReasons.push(`${share}${earlier > 0 ? ` ${within}` : ""} (above ${approvalAboveSharePct} %)`);
    // SLO risk: a model left saturated, or predicted over its p95 SLO, needs an override and a second person.
    const atRisk = preview.models.flatMap((m) =>
      m.saturated
        ? [`${m.modelId} would be saturated (its p95 cannot be predicted)`]
        : m.headroomMsAfter !== null && m.headroomMsAfter < 0
          ? [`${m.modelId}'s p95 would be ${Math.round(m.latencyP95MsAfter ?? 0)} ms, over its ${m.sloP95Ms} ms SLO`]
          : [],
    );
    if (atRisk.length) needOverride("sloRisk", atRisk.join("; "));
    // Headroom cut thin (but not past the SLO): no override, but a second person.
    const thin = preview.models.flatMap((m) =>
      !m.saturated &&
      m.headroomMsAfter !== null &&
      m.headroomMsAfter >= 0 &&
      m.headroomMsAfter < (approvalBelowSloHeadroomPct / 100) * m.sloP95Ms
        ? [
            `${m.modelId}'s p95 headroom would be ${Math.round(m.headroomMsAfter)} ms of its ${m.sloP95Ms} ms SLO (under ${approvalBelowSloHeadroomPct} %)`,
          ]
        : [],
    );
    if (thin.length) verdict.approvalReasons.push(thin.join("; "));
    if (preview.idleReserved.instancesAfter > preview.idleReserved.instancesBefore) {
      needOverride(
        "reservedIdle",
        `leaves ${preview.idleReserved.instancesAfter} reserved instance(s) idle (${fmtUsd(preview.idleReserved.usdPerHourAfter)}/h paid for nothing)`,
      );
    }
  }
  const change = usdPerHourChange(preview);
  if (change !== null && Math.abs(toCents(change)) > toCents(rule.approvalAboveUsdPerHourChange))
    verdict.approvalReasons.push(
      `changes the pool's spend by ${change > 0 ? "+" : "-"}${fmtUsd(Math.abs(change))}/h (above ${fmtUsd(rule.approvalAboveUsdPerHourChange)}/h)`,
    );
  return verdict;
}

/**
 * May this requester add on-demand capacity without a second person? Yes when the rule's `alone`
 * role is theirs (or lower) and the launch stays within both limits, inclusive: the $/h it adds
 * (usd-per-hour-change.ts, in whole cents) and the instances it adds as a % of those in service.
 */
function judgeOnDemandAlone(preview: ActionPreview, rule: ApprovalRule, actorRole: Role): { ok: boolean; why: string } {
  const r = rule.launchOnDemand;
  const change = usdPerHourChange(preview);
  const inService = preview.capacity.inServiceBefore;
  const sharePct = inService > 0 ? (100 * preview.count) / inService : Infinity;
  const limits = `${fmtUsd(r.maxUsdPerHour)}/h and ${r.maxSharePct} % of the pool`;
  if (r.alone === "nobody") return { ok: false, why: "the approval policy lets nobody add on-demand capacity alone" };
  if (!hasRole(actorRole, r.alone))
    return { ok: false, why: `the approval policy lets only an ${r.alone} add on-demand capacity alone` };
  if (change === null || toCents(change) > toCents(r.maxUsdPerHour))
    return {
      ok: false,
      why: `+${change === null ? "unknown" : fmtUsd(change)}/h is over the ${fmtUsd(r.maxUsdPerHour)}/h an ${r.alone} may add alone`,
    };
  if (sharePct > r.maxSharePct)
    return {
      ok: false,
      why: `${Number.isFinite(sharePct) ? `${sharePct.toFixed(0)} %` : "an empty pool"} is over the ${r.maxSharePct} % of the pool an ${r.alone} may add alone`,
    };
  return { ok: true, why: `+${fmtUsd(change)}/h, within what an ${r.alone} may add alone (${limits})` };
}
