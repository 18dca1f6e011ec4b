import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The state of a planned step that never ran because its action ended first (cancelled, failed, expired). */
export const SKIPPED_STEP_STATE = "skipped";

/**
 * Marks an ending action's steps that never started as skipped, in the caller's transaction, so
 * progress never shows "pending" for a step that will not run.
 */
export async function skipPendingSteps(tx: Pick<Prisma.TransactionClient, "poolActionStep">, actionId: string) {
  await tx.poolActionStep.updateMany({ where: { actionId, state: "pending" }, data: { state: SKIPPED_STEP_STATE } });
}
