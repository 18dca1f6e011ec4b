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
  forwardedFor?: string | null;
  userAgent?: string | null;
};

// PostgreSQL refuses NUL in text and unpaired surrogates in jsonb. Refused requests are exactly
// where odd characters turn up (an attacker's pool id, a zod message quoting an unknown key), and
// their audit row must still be written: such characters are stored as U+FFFD.
const UNSTORABLE = /\u0000|\p{Cs}/gu;

function text(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  // Cleaned after slicing: a cut may split a surrogate pair.
  return value.slice(0, max).replace(UNSTORABLE, "\uFFFD");
}

function json(value: Prisma.InputJsonValue): Prisma.InputJsonValue {
  if (typeof value === "string") return value.replace(UNSTORABLE, "\uFFFD");
  if (Array.isArray(value)) return value.map((v) => (v === null ? v : json(v as Prisma.InputJsonValue)));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k.replace(UNSTORABLE, "\uFFFD"),
        v === null || v === undefined ? v : json(v as Prisma.InputJsonValue),
      ]),
    );
  }
  return value;
}

/**
 * Appends one audit row. Pass the transaction of the change being recorded so the row and the
 * change commit together; refused attempts (nothing else written) use the default client.
 */
export async function recordAuditEvent(
  event: AuditEventInput,
  tx: Prisma.TransactionClient = getPrisma(),
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actor: text(event.actor, 200)!,
      actorRole: text(event.actorRole, 50)!,
      action: text(event.action, 100)!,
      poolId: text(event.poolId, 200),
      modelId: text(event.modelId, 200),
      params: event.params === null || event.params === undefined ? undefined : json(event.params),
      outcome: event.outcome,
      reason: text(event.reason, 2000),
      message: text(event.message, 2000),
      sourceIp: text(event.sourceIp, 100),
      forwardedFor: text(event.forwardedFor, 500),
      userAgent: text(event.userAgent, 500),
    },
  });
}
