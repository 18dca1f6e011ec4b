import "server-only";
import { getToken } from "next-auth/jwt";
import { AppError } from "@/lib/errors";
import { getAuthConfig } from "./auth-config";
import { ROLES, hasRole, type Role, type SessionUser } from "./roles";
import { SESSION_COOKIE, openSessionCookie, readCookie } from "./session-cookie";
import { findSession, sessionIdOf } from "./session-store";

type CookieSource = { cookieHeader: string | null };

/**
 * The signed-in user of a request: the live UserSession its demo cookie or next-auth JWT refers
 * to; null if none, or if that session was signed out, revoked, expired or left idle.
 */
export async function getUserFromCookies({ cookieHeader }: CookieSource): Promise<SessionUser | null> {
  const ref = await readSessionRef(cookieHeader);
  // Signed in at the identity provider, but none of the user's groups maps to a role: no session row was made.
  if (ref === "no-role")
    throw new AppError("FORBIDDEN", "your account is in none of the Fleet Console groups; ask an admin for access");
  return ref ? findSession(ref) : null;
}

/**
 * The UserSession id a request's cookies refer to (the demo cookie's secret, hashed, or the id in the
 * next-auth JWT), without reading the row; "no-role" for a JWT whose groups mapped to no role.
 */
export async function readSessionRef(cookieHeader: string | null): Promise<string | "no-role" | null> {
  const config = getAuthConfig();
  if (config.mode === "demo") {
    const secret = openSessionCookie(readCookie(cookieHeader, SESSION_COOKIE), config.secret);
    return secret ? sessionIdOf(secret) : null;
  }
  const token = await readOidcToken(cookieHeader, config.secret);
  if (!token?.sub) return null;
  if (!ROLES.some((r) => r === token.role)) return "no-role";
  return typeof token.sid === "string" ? token.sid : null;
}

/** The next-auth JWT of a request (decrypted and checked by next-auth), or null. */
async function readOidcToken(cookieHeader: string | null, secret: string) {
  const cookies = new Map<string, string>();
  for (const part of (cookieHeader ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) cookies.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return getToken({ req: { cookies, headers: {} } as never, secret });
}

export function getRequestUser(request: Request): Promise<SessionUser | null> {
  return getUserFromCookies({ cookieHeader: request.headers.get("cookie") });
}

/** Every route handler's first line: the caller, or a 401/403 with the reason. */
export async function requireRole(request: Request, atLeast: Role): Promise<SessionUser> {
  return assertRole(await getRequestUser(request), atLeast);
}

export function assertRole(user: SessionUser | null, atLeast: Role): SessionUser {
  if (!user) throw new AppError("UNAUTHENTICATED", "sign in to use Fleet Console");
  if (!hasRole(user.role, atLeast))
    throw new AppError("FORBIDDEN", `this needs the ${atLeast} role; you are signed in as ${user.role}`);
  return user;
}
