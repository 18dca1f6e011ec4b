import "server-only";
import type { Role } from "@/lib/auth/roles";
import type { FleetProvider } from "../provider";
import { ZOverrides } from "./action-input";
import { computeActionPreview } from "./compute-action-preview";
import { countRecentDrains } from "./count-recent-drains";
import { evaluateGuardrails } from "./evaluate-guardrails";
import { getPoolApprovalRule } from "./get-approval-policy";
import { getGuardrailSettings } from "./guardrail-settings";

/**
 * The guardrails again, on the fleet as it is now and under the approval policy as the fleet
 * config file says now, for an action requested earlier: at approval, and by the worker before its
 * first step. The pool, its models or the policy may have changed since. Returns why it must stop
 * (empty: it may go on). Overrides given with the request still count; a guardrail that newly needs
 * one stops it (the requester did not see it), and so, in the worker, does an action that went
 * ahead alone but now needs a second person (the approval being given settles that at approval).
 */
export async function recheckGuardrails(args: {
  action: {
    id: string;
    poolId: string;
    kind: "launch" | "drain";
    count: number;
    overrides: unknown;
    requestedRole: Role;
    approvalReasons: string[];
  };
  at: "approval" | "worker";
  provider?: FleetProvider;
}): Promise<string[]> {
  const { action } = args;
  const overrides = ZOverrides.parse(action.overrides ?? {});
  const preview = await computeActionPreview({
    poolId: action.poolId,
    request: { kind: action.kind, mode: "count", count: action.count },
    provider: args.provider,
  });
  const settings = await getGuardrailSettings();
  const rule = await getPoolApprovalRule(action.poolId);
  const recentDrained =
    action.kind === "drain"
      ? await countRecentDrains({ poolId: action.poolId, settings, excludeActionId: action.id })
      : 0;
  const verdict = evaluateGuardrails({
    preview,
    overrides,
    settings,
    rule,
    actorRole: action.requestedRole,
    recentDrained,
  });
  const unapproved =
    args.at === "worker" && action.approvalReasons.length === 0
      ? verdict.approvalReasons.map((r) => `now needs a second person: ${r}`)
      : [];
  return [
    ...verdict.refusals,
    ...verdict.overridesRequired.map((o) => `needs an override: ${o.message}`),
    ...unapproved,
  ];
}
