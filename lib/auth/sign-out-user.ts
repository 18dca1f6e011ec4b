import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getRequestUser, readSessionRef } from "./get-request-user";
import { endSession } from "./session-store";

/**
 * Ends the caller's session server-side (the route also clears the cookie), so a copy of the cookie
 * stops working at once. A signed-in caller's sign-out is audited like their sign-in; a request
 * without a session has nothing to end and writes nothing (so anonymous traffic cannot fill the
 * audit log).
 */
export async function signOutUser(args: {
  request: Request;
  meta: { sourceIp: string | null; userAgent: string | null };
}): Promise<{ signedOut: boolean }> {
  const user = await getRequestUser(args.request).catch(() => null);
  const ref = await readSessionRef(args.request.headers.get("cookie")).catch(() => null);
  if (ref && ref !== "no-role") await endSession(ref);
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
