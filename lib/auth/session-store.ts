import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getPrisma } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";
import { getAuthConfig } from "./auth-config";
import { ROLES, type SessionUser } from "./roles";

// Sessions live in PostgreSQL (UserSession), so that sign-out and an admin's revoke end them at once
// on every replica, and an idle session ends after SESSION_IDLE_SECONDS. The client holds a random
// secret; the row is keyed by its SHA-256, so the table never holds a usable credential.

/** lastSeenAt is written at most this often per session: one write a minute, not one per request. */
const TOUCH_EVERY_MS = 60_000;

// The last row this process read for each session, used only while the database is unreachable,
// so a signed-in user keeps reading the held page answers through an outage (nothing can be
// changed then anyway). Bounded; a session ended through this process leaves it at once.
type KnownSession = { user: SessionUser; expiresAt: number; lastSeenAt: number };
const MAX_KNOWN = 10_000;
const known = new Map<string, KnownSession>();

function remember(id: string, entry: KnownSession) {
  known.delete(id);
  if (known.size >= MAX_KNOWN) known.delete(known.keys().next().value!);
  known.set(id, entry);
}

export const sessionIdOf = (secret: string): string => createHash("sha256").update(secret).digest("hex");

export type SessionMeta = { sourceIp: string | null; userAgent: string | null };

/** A new session for `user`; returns the secret the client keeps (cookie or JWT claim). */
export async function createSession(
  user: Omit<SessionUser, "via">,
  via: SessionUser["via"],
  meta: SessionMeta,
  now = new Date(),
): Promise<{ secret: string; id: string; expiresAt: Date }> {
  const { sessionMaxAgeSeconds, sessionIdleSeconds } = getAuthConfig();
  const secret = randomBytes(32).toString("base64url");
  const id = sessionIdOf(secret);
  const expiresAt = new Date(now.getTime() + sessionMaxAgeSeconds * 1000);
  const prisma = getPrisma();
  // Ended sessions are removed as new ones start: the table holds live sessions only.
  await prisma.userSession.deleteMany({
    where: {
      OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: new Date(now.getTime() - sessionIdleSeconds * 1000) } }],
    },
  });
  await prisma.userSession.create({
    data: {
      id,
      userId: user.id,
      userName: user.name,
      role: user.role,
      via,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      sourceIp: meta.sourceIp,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return { secret, id, expiresAt };
}

/**
 * The live session with this id, as the signed-in user; null if ended, expired or idle too long.
 * While the database is unreachable, the row this process last read stands in until it would
 * have expired or gone idle.
 */
export async function findSession(id: string, now = new Date()): Promise<SessionUser | null> {
  const { sessionIdleSeconds } = getAuthConfig();
  const live = (e: { expiresAt: number; lastSeenAt: number }) =>
    e.expiresAt > now.getTime() && now.getTime() - e.lastSeenAt < sessionIdleSeconds * 1000;
  let row;
  try {
    row = await getPrisma().userSession.findUnique({ where: { id } });
  } catch (err) {
    const last = known.get(id);
    if (isDatabaseUnavailable(err) && last && live(last)) return last.user;
    throw err;
  }
  const role = ROLES.find((r) => r === row?.role);
  if (!row || !role || !live({ expiresAt: row.expiresAt.getTime(), lastSeenAt: row.lastSeenAt.getTime() })) {
    known.delete(id);
    return null;
  }
  const user: SessionUser = { id: row.userId, name: row.userName, role, via: row.via === "oidc" ? "oidc" : "demo" };
  let lastSeenAt = row.lastSeenAt.getTime();
  if (now.getTime() - lastSeenAt >= TOUCH_EVERY_MS) {
    await getPrisma().userSession.updateMany({ where: { id }, data: { lastSeenAt: now } });
    lastSeenAt = now.getTime();
  }
  remember(id, { user, expiresAt: row.expiresAt.getTime(), lastSeenAt });
  return user;
}

/** Drops this process's last-known copy of a session (it was just ended in a transaction). */
export const forgetSession = (id: string): void => void known.delete(id);

/** Ends one session (sign-out, revoke); true if it was live. */
export async function endSession(id: string): Promise<boolean> {
  known.delete(id);
  return (await getPrisma().userSession.deleteMany({ where: { id } })).count > 0;
}

export type LiveSession = {
  id: string;
  userId: string;
  userName: string;
  role: string;
  via: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  sourceIp: string | null;
  userAgent: string | null;
};

/** Live sessions, most recently used first (what an admin reviews before revoking). */
export async function listLiveSessions(now = new Date()): Promise<LiveSession[]> {
  const { sessionIdleSeconds } = getAuthConfig();
  return getPrisma().userSession.findMany({
    where: { expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - sessionIdleSeconds * 1000) } },
    orderBy: { lastSeenAt: "desc" },
    take: 500,
  });
}
