import "server-only";
import type { FleetProvider } from "../provider";
import { ZOverrides } from "./action-input";
import { computeActionPreview } from "./compute-action-preview";
import { countRecentDrains } from "./count-recent-drains";
import { evaluateGuardrails } from "./evaluate-guardrails";
import { getGuardrailSettings } from "./guardrail-settings";

/**
 * The guardrails again, on the fleet as it is now, for an action requested earlier (at approval,
 * and by the worker before its first provider call): the pool or its models may have changed since.
 * Returns why it must stop (empty: it may go on). Overrides given with the request still count;
 * a guardrail that newly needs one stops it (the requester did not see it).
 */
export async function recheckGuardrails(args: {
  action: { id: string; poolId: string; kind: "launch" | "drain"; count: number; overrides: unknown };
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
  const recentDrained =
    action.kind === "drain"
      ? await countRecentDrains({ poolId: action.poolId, settings, excludeActionId: action.id })
      : 0;
  const verdict = evaluateGuardrails({ preview, overrides, settings, recentDrained });
  return [...verdict.refusals, ...verdict.overridesRequired.map((o) => `needs an override: ${o.message}`)];
}
