import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/parse-input";
import type { PoolActionDto } from "./action-dto";
import { ZRejectRequest } from "./action-input";
import { getPoolAction } from "./get-pool-action";

/**
 * An admin other than the requester turns an action awaiting approval down, saying why: it moves
 * to `rejected` (the worker only runs pending and running actions, so it never runs) and the
 * requester sees the comment. Idempotent: rejecting a rejected action changes nothing and answers
 * the action as it is (the first comment stands), with an audit row saying who asked again.
 */
export async function rejectPoolAction(args: {
  actionId: string;
  body: unknown;
  user: SessionUser;
  meta: { sourceIp: string | null; userAgent: string | null };
}): Promise<PoolActionDto> {
  const { paramsHash, comment } = parseInput(ZRejectRequest, args.body);
  const action = await getPoolAction({ actionId: args.actionId });
  if (action.requestedBy === args.user.id)
    throw new AppError(
      "FORBIDDEN",
      "you requested this action: a different admin must decide on it (cancel it instead)",
    );
  const audit = { actor: args.user.id, actorRole: args.user.role, action: "action.reject", poolId: action.poolId };
  const replay = async (current: PoolActionDto) => {
    await recordAuditEvent({
      ...audit,
      params: { actionId: action.id, replayed: true },
      outcome: "succeeded",
      reason: comment,
      message: `already rejected by ${current.rejection?.rejectedBy ?? "an admin"}: nothing changed`,
      ...args.meta,
    });
    return current;
  };
  if (action.state === "rejected") return replay(action);
  if (action.state !== "awaiting_approval")
    throw new AppError("CONFLICT", `action ${action.id} is ${action.state}, not awaiting approval`);
  if (paramsHash !== action.requestHash)
    throw new AppError(
      "CONFLICT",
      "the action's parameters differ from the ones you reviewed; reload and review again",
    );
  const now = new Date();
  const moved = await getPrisma().$transaction(async (tx) => {
    const updated = await tx.poolAction.updateMany({
      where: { id: action.id, state: "awaiting_approval" },
      data: {
        state: "rejected",
        rejectedBy: args.user.id,
        rejectedAt: now,
        rejectionComment: comment,
        finishedAt: now,
      },
    });
    if (updated.count === 0) return false;
    await recordAuditEvent(
      {
        ...audit,
        params: { actionId: action.id, paramsHash },
        outcome: "succeeded",
        reason: comment,
        ...args.meta,
      },
      tx,
    );
    return true;
  });
  const current = await getPoolAction({ actionId: action.id });
  if (moved) return current;
  // Someone decided meanwhile: a concurrent rejection is the same outcome; anything else is a conflict.
  if (current.state === "rejected") return replay(current);
  throw new AppError("CONFLICT", `action ${action.id} changed state meanwhile (now ${current.state})`);
}
