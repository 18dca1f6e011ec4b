// Signed-in requests for route-handler tests: a real demo session for each demo user. Each user's
// session secret is fixed, and useTestDatabase (tests/setup/test-database.ts) inserts the matching
// UserSession rows into every test database, so the app finds them as it finds any session.
import pg from "pg";
import { getAuthConfig } from "@/lib/auth/auth-config";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import type { Role } from "@/lib/auth/roles";
import { SESSION_COOKIE, sealSessionCookie } from "@/lib/auth/session-cookie";
import { sessionIdOf } from "@/lib/auth/session-store";

export const TEST_ORIGIN = "http://localhost";

const testSecret = (userId: string) => `test-session-${userId}`;
/** The UserSession id of a demo user's test session (what an admin would revoke). */
export const testSessionId = (userId: string) => sessionIdOf(testSecret(userId));

export function sessionCookie(role: Role, userId?: string): string {
  const user = DEMO_USERS.find((u) => (userId ? u.id === userId : u.role === role))!;
  return `${SESSION_COOKIE}=${sealSessionCookie(testSecret(user.id), getAuthConfig().secret)}`;
}

/**
 * The live sessions sessionCookie refers to, one per demo user, valid for a day from the test's
 * clock (JavaScript's, which some tests fake), renewed when called again.
 */
export async function insertTestSessions(databaseUrl: string): Promise<void> {
  const now = new Date();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const user of DEMO_USERS) {
      await client.query(
        `INSERT INTO "UserSession" (id, "userId", "userName", role, via, "createdAt", "lastSeenAt", "expiresAt")
         VALUES ($1, $2, $3, $4, 'demo', $5, $5, $6)
         ON CONFLICT (id) DO UPDATE SET "lastSeenAt" = $5, "expiresAt" = $6`,
        [testSessionId(user.id), user.id, user.name, user.role, now, new Date(now.getTime() + 86_400_000)],
      );
    }
  } finally {
    await client.end();
  }
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
