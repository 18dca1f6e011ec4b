import "server-only";
import { getToken } from "next-auth/jwt";
import { AppError } from "@/lib/errors";
import { getAuthConfig } from "./auth-config";
import { ROLES, hasRole, type Role, type SessionUser } from "./roles";
import { SESSION_COOKIE, decodeSession, readCookie } from "./session-cookie";

type CookieSource = { cookieHeader: string | null };

/** The signed-in user of a request, from the demo cookie or the next-auth JWT; null if none. */
export async function getUserFromCookies({ cookieHeader }: CookieSource): Promise<SessionUser | null> {
  const config = getAuthConfig();
  if (config.mode === "demo") return decodeSession(readCookie(cookieHeader, SESSION_COOKIE), config.secret);
  const cookies = new Map<string, string>();
  for (const part of (cookieHeader ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) cookies.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  const token = await getToken({ req: { cookies, headers: {} } as never, secret: config.secret });
  if (!token?.sub) return null;
  const role = ROLES.find((r) => r === token.role);
  if (!role)
    throw new AppError("FORBIDDEN", "your account is in none of the Fleet Console groups; ask an admin for access");
  return { id: token.sub, name: token.name ?? token.sub, role, via: "oidc" };
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
