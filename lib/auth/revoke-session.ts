import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/parse-input";
import type { SessionUser } from "./roles";
import { forgetSession } from "./session-store";

export const ZRevokeBody = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export const ZSessionId = z.string().regex(/^[0-9a-f]{64}$/, "a session id is 64 lowercase hex characters");

/**
 * An admin ends someone's session: the row goes, so their next request is signed out on every
 * replica. Deleted and audited in one transaction. A session already ended is a 404 (nothing to revoke).
 */
export async function revokeSession(args: {
  sessionId: string;
  user: SessionUser;
  body: unknown;
  meta: { sourceIp: string | null; forwardedFor: string | null; userAgent: string | null };
}): Promise<{ revoked: { id: string; userId: string } }> {
  const id = parseInput(ZSessionId, args.sessionId);
  const { reason } = parseInput(ZRevokeBody, args.body);
  return getPrisma().$transaction(async (tx) => {
    const row = await tx.userSession.findUnique({ where: { id }, select: { userId: true, role: true } });
    if (!row)
      throw new AppError("NOT_FOUND", `no live session ${id.slice(0, 12)}… (already signed out, revoked or expired)`);
    await tx.userSession.delete({ where: { id } });
    forgetSession(id);
    await recordAuditEvent(
      {
        actor: args.user.id,
        actorRole: args.user.role,
        action: "auth.session.revoke",
        params: { sessionId: id, userId: row.userId, role: row.role },
        outcome: "succeeded",
        reason: reason ?? null,
        ...args.meta,
      },
      tx,
    );
    return { revoked: { id, userId: row.userId } };
  });
}
