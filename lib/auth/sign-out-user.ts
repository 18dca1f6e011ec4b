import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getRequestUser } from "./get-request-user";

/**
 * Ends the caller's demo session: the route clears the cookie. A signed-in caller's sign-out is
 * audited like their sign-in; a request without a session has nothing to end and writes nothing
 * (so anonymous traffic cannot fill the audit log).
 */
export async function signOutUser(args: {
  request: Request;
  meta: { sourceIp: string | null; userAgent: string | null };
}): Promise<{ signedOut: boolean }> {
  const user = await getRequestUser(args.request).catch(() => null);
  if (user)
    await recordAuditEvent({
      actor: user.id,
      actorRole: user.role,
      action: "auth.sign-out",
      outcome: "succeeded",
      ...args.meta,
    });
  return { signedOut: true };
}
