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

/** Identical refusals within this long of the first are counted on its row. */
export const REFUSAL_REPEAT_WINDOW_SECONDS = 60;

/**
 * Records a refused attempt. A refusal identical to one already recorded in the last
 * REFUSAL_REPEAT_WINDOW_SECONDS (same actor, action, pool, message and source address; params may
 * differ, the first row keeps its own) increments that row's repeatCount and sets its lastAt
 * instead of writing a row, so a retry loop or a probe costs one row a minute, not one per request.
 * A transaction-scoped advisory lock per actor and action keeps two concurrent repeats from both
 * writing a row. Database time throughout, like the `at` column.
 */
export async function recordRefusal(event: Omit<AuditEventInput, "outcome">): Promise<void> {
  const key = {
    actor: text(event.actor, 200)!,
    action: text(event.action, 100)!,
    poolId: text(event.poolId, 200),
    message: text(event.message, 2000),
    sourceIp: text(event.sourceIp, 100),
  };
  await getPrisma().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`audit-refusal:${key.actor}:${key.action}`}))::text`;
    const counted = await tx.$executeRaw`
      UPDATE "AuditEvent" SET "repeatCount" = "repeatCount" + 1, "lastAt" = now()
      WHERE id = (
        SELECT id FROM "AuditEvent"
        WHERE outcome = 'refused' AND actor = ${key.actor} AND action = ${key.action}
          AND "poolId" IS NOT DISTINCT FROM ${key.poolId} AND message IS NOT DISTINCT FROM ${key.message}
          AND "sourceIp" IS NOT DISTINCT FROM ${key.sourceIp}
          AND at > now() - make_interval(secs => ${REFUSAL_REPEAT_WINDOW_SECONDS})
        ORDER BY id DESC LIMIT 1)`;
    if (counted === 0) await recordAuditEvent({ ...event, outcome: "refused" }, tx);
  });
}
