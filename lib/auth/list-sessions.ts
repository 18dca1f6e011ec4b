import "server-only";
import { getAuthConfig } from "./auth-config";
import type { TSessionList } from "./session-dto";
import { listLiveSessions } from "./session-store";

/** The live sessions for the admin's sessions page, most recently used first. */
export async function listSessions(now = new Date()): Promise<TSessionList> {
  const { sessionIdleSeconds } = getAuthConfig();
  const rows = await listLiveSessions(now);
  return {
    idleSeconds: sessionIdleSeconds,
    sessions: rows.map((r) => ({
      id: r.id,
      userId: r.userId,
      userName: r.userName,
      role: r.role,
      via: r.via,
      createdAt: r.createdAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      idleEndsAt: new Date(
        Math.min(r.expiresAt.getTime(), r.lastSeenAt.getTime() + sessionIdleSeconds * 1000),
      ).toISOString(),
      sourceIp: r.sourceIp,
      userAgent: r.userAgent,
    })),
  };
}
