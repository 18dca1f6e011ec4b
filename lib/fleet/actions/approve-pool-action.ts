import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/parse-input";
import type { PoolActionDto } from "./action-dto";
import { ZApproveRequest } from "./action-input";
import { getPoolAction } from "./get-pool-action";
import { getGuardrailSettings } from "./guardrail-settings";
import { recheckGuardrails } from "./recheck-guardrails";

/**
 * The two-person rule's second person: an admin other than the requester approves exactly the
 * parameters they were shown (paramsHash), before the action's approval deadline, with an optional
 * comment the requester sees. The approval itself expires; the worker refuses to start on an
 * expired one.
 */
export async function approvePoolAction(args: {
  actionId: string;
  body: unknown;
  user: SessionUser;
  meta: { sourceIp: string | null; userAgent: string | null };
}): Promise<PoolActionDto> {
  const { paramsHash, comment } = parseInput(ZApproveRequest, args.body);
  const action = await getPoolAction({ actionId: args.actionId });
  if (action.requestedBy === args.user.id)
    throw new AppError("FORBIDDEN", "you requested this action: a different admin must approve it");
  if (action.state !== "awaiting_approval")
    throw new AppError("CONFLICT", `action ${action.id} is ${action.state}, not awaiting approval`);
  if (paramsHash !== action.requestHash)
    throw new AppError(
      "CONFLICT",
      "the action's parameters differ from the ones you reviewed; reload and review again",
    );
  const now = new Date();
  if (action.approvalDeadline && Date.parse(action.approvalDeadline) <= now.getTime()) {
    await getPrisma().$transaction(async (tx) => {
      const expired = await tx.poolAction.updateMany({
        where: { id: action.id, state: "awaiting_approval" },
        data: { state: "cancelled", error: "approval deadline passed", finishedAt: now },
      });
      if (expired.count)
        await recordAuditEvent(
          {
            actor: "fleet-worker",
            actorRole: "system",
            action: "action.expire",
            poolId: action.poolId,
            params: { actionId: action.id },
            outcome: "succeeded",
            message: "nobody approved it before its deadline",
          },
          tx,
        );
    });
    throw new AppError(
      "GONE",
      `the approval window for action ${action.id} closed at ${action.approvalDeadline}; request it again`,
    );
  }
  // The fleet may have changed since the request: the guardrails again, before anyone's approval counts.
  const problems = await recheckGuardrails({ action, at: "approval" });
  if (problems.length) {
    const error = `guardrails re-checked at approval: ${problems.join("; ")}`;
    await getPrisma().$transaction(async (tx) => {
      const stopped = await tx.poolAction.updateMany({
        where: { id: action.id, state: "awaiting_approval" },
        data: { state: "failed", error, finishedAt: now },
      });
      if (stopped.count)
        await recordAuditEvent(
          // The stop is the system's (as a worker's would be); the refused approval is audited by the route frame.
          {
            actor: "fleet-worker",
            actorRole: "system",
            action: "action.failed",
            poolId: action.poolId,
            params: { actionId: action.id, kind: action.kind, count: action.count },
            outcome: "failed",
            message: error,
          },
          tx,
        );
    });
    throw new AppError("CONFLICT", `${error}. The action is stopped; request it again if it is still right.`);
  }
  const ttlMinutes = (await getGuardrailSettings()).approvalTtlMinutes;
  await getPrisma().$transaction(async (tx) => {
    // The deadline is part of the condition: an approval cannot land after the window closed.
    const moved = await tx.poolAction.updateMany({
      where: {
        id: action.id,
        state: "awaiting_approval",
        OR: [{ approvalDeadline: null }, { approvalDeadline: { gt: now } }],
      },
      data: { state: "pending", nextRunAt: now },
    });
    if (moved.count === 0) throw new AppError("CONFLICT", `action ${action.id} changed state meanwhile`);
    await tx.actionApproval.create({
      data: {
        actionId: action.id,
        approvedBy: args.user.id,
        paramsHash,
        comment: comment ?? null,
        expiresAt: new Date(now.getTime() + ttlMinutes * 60_000),
      },
    });
    await recordAuditEvent(
      {
        actor: args.user.id,
        actorRole: args.user.role,
        action: "action.approve",
        poolId: action.poolId,
        params: { actionId: action.id, paramsHash },
        outcome: "succeeded",
        reason: comment ?? null,
        ...args.meta,
      },
      tx,
    );
  });
  return getPoolAction({ actionId: action.id });
}
