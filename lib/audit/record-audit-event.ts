import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db";

export type AuditEventInput = {
  actor: string;
  actorRole: string;
  /** What was attempted, e.g. "pool.drain", "action.approve", "auth.sign-in". */
  action: string;
  poolId?: string | null;
  modelId?: string | null;
  params?: Prisma.InputJsonValue | null;
  outcome: "succeeded" | "refused" | "failed";
  reason?: string | null;
  message?: string | null;
  sourceIp?: string | null;
  userAgent?: string | null;
};

/**
 * Appends one audit row. Pass the transaction of the change being recorded so the row and the
 * change commit together; refused attempts (nothing else written) use the default client.
 */
export async function recordAuditEvent(event: AuditEventInput, tx: Prisma.TransactionClient = getPrisma()): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actor: event.actor,
      actorRole: event.actorRole,
      action: event.action,
      poolId: event.poolId ?? null,
      modelId: event.modelId ?? null,
      params: event.params ?? undefined,
      outcome: event.outcome,
      reason: event.reason?.slice(0, 2000) ?? null,
      message: event.message?.slice(0, 2000) ?? null,
      sourceIp: event.sourceIp?.slice(0, 100) ?? null,
      userAgent: event.userAgent?.slice(0, 500) ?? null,
    },
  });
}
