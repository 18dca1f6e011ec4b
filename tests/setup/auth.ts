// Signed-in requests for route-handler tests: a real demo session cookie for each role.
import { getAuthConfig } from "@/lib/auth/auth-config";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import type { Role } from "@/lib/auth/roles";
import { SESSION_COOKIE, encodeSession } from "@/lib/auth/session-cookie";

export const TEST_ORIGIN = "http://localhost";

export function sessionCookie(role: Role, userId?: string): string {
  const user = DEMO_USERS.find((u) => (userId ? u.id === userId : u.role === role))!;
  return `${SESSION_COOKIE}=${encodeSession(user, getAuthConfig().secret, 3600)}`;
}

/** A Request as the app's own page would send it, signed in as `role` (or anonymous with null). */
export function appRequest(
  path: string,
  opts: { role: Role | null; userId?: string; method?: string; body?: unknown; headers?: Record<string, string> },
): Request {
  const headers: Record<string, string> = { origin: TEST_ORIGIN, host: "localhost", ...opts.headers };
  if (opts.role) headers.cookie = sessionCookie(opts.role, opts.userId);
  if (opts.body !== undefined) headers["content-type"] ??= "application/json";
  return new Request(`${TEST_ORIGIN}${path}`, {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
  });
}
