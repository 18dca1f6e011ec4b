import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getAuthConfig } from "./auth-config";
import { getRequestUser, readOidcToken } from "./get-request-user";
import { SESSION_COOKIE, openSessionCookie, readCookie } from "./session-cookie";
import { endSession, sessionIdOf } from "./session-store";

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
  const id = await sessionIdOfRequest(args.request);
  if (id) await endSession(id);
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

async function sessionIdOfRequest(request: Request): Promise<string | null> {
  const config = getAuthConfig();
  const cookieHeader = request.headers.get("cookie");
  if (config.mode === "demo") {
    const secret = openSessionCookie(readCookie(cookieHeader, SESSION_COOKIE), config.secret);
    return secret ? sessionIdOf(secret) : null;
  }
  const token = await readOidcToken(cookieHeader, config.secret).catch(() => null);
  return typeof token?.sid === "string" ? token.sid : null;
}
