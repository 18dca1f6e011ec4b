import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { parseInput } from "@/lib/parse-input";
import { describeActionInputIssues } from "./action-input-messages";
import { ZPoolActionPreviewRequest } from "./action-input";
import { computeActionPreview } from "./compute-action-preview";
import { countRecentDrains } from "./count-recent-drains";
import { evaluateGuardrails } from "./evaluate-guardrails";
import { getPoolApprovalRule } from "./get-approval-policy";
import { getGuardrailSettings } from "./guardrail-settings";

/**
 * What the confirm dialog shows: the preview and the guardrails' verdict on it (with no override
 * yet), under the pool's approval policy for the caller's role.
 */
export async function previewPoolAction(args: { poolId: string; body: unknown; user: Pick<SessionUser, "role"> }) {
  const input = parseInput(ZPoolActionPreviewRequest, args.body, describeActionInputIssues);
  const preview = await computeActionPreview({ poolId: args.poolId, request: input });
  const settings = await getGuardrailSettings();
  const rule = await getPoolApprovalRule(args.poolId);
  const recentDrained = input.kind === "drain" ? await countRecentDrains({ poolId: args.poolId, settings }) : 0;
  const guardrails = evaluateGuardrails({
    preview,
    overrides: {},
    settings,
    rule,
    actorRole: args.user.role,
    recentDrained,
  });
  return { preview, guardrails };
}
