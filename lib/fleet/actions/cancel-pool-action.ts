import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { skipPendingSteps } from "../worker/skip-pending-steps";
import { isActiveState, type PoolActionDto } from "./action-dto";
import { getPoolAction } from "./get-pool-action";

/**
 * Cancels an action. Not yet started: cancelled at once. Running: the worker stops before its
 * next provider call and marks it cancelled. Repeating a cancel is harmless (idempotent).
 */
export async function cancelPoolAction(args: {
  actionId: string;
  user: SessionUser;
  meta: { sourceIp: string | null; userAgent: string | null };
}): Promise<PoolActionDto> {
  const current = await getPoolAction({ actionId: args.actionId });
  if (current.state === "cancelled" || current.cancelRequested) return current;
  if (!isActiveState(current.state)) throw new AppError("CONFLICT", `action ${current.id} already ${current.state}`);
  await getPrisma().$transaction(async (tx) => {
    const now = new Date();
    // Conditional updates: if the worker moved the action on meanwhile, the right branch still applies.
    const stopped = await tx.poolAction.updateMany({
      where: { id: current.id, state: { in: ["awaiting_approval", "pending"] } },
      data: { state: "cancelled", cancelRequested: true, finishedAt: now },
    });
    if (stopped.count > 0)
      await skipPendingSteps(tx, current.id); // none of its steps will run
    else
      await tx.poolAction.updateMany({ where: { id: current.id, state: "running" }, data: { cancelRequested: true } });
    await recordAuditEvent(
      {
        actor: args.user.id,
        actorRole: args.user.role,
        action: "action.cancel",
        poolId: current.poolId,
        params: { actionId: current.id },
        outcome: "succeeded",
        ...args.meta,
      },
      tx,
    );
  });
  return getPoolAction({ actionId: current.id });
}
