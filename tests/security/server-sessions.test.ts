import { describe, expect, it } from "vitest";
import { POST as signInPOST } from "@/app/api/auth/demo/sign-in/route";
import { POST as signOutPOST } from "@/app/api/auth/sign-out/route";
import { GET as auditGET } from "@/app/api/audit/route";
import { GET as sessionsGET } from "@/app/api/sessions/route";
import { POST as revokePOST } from "@/app/api/sessions/[sessionId]/revoke/route";
import { getAuthConfig } from "@/lib/auth/auth-config";
import { SESSION_COOKIE, sealSessionCookie } from "@/lib/auth/session-cookie";
import { sessionIdOf } from "@/lib/auth/session-store";
import { getPool } from "@/lib/db";
import { TEST_ORIGIN, appRequest } from "../setup/auth";
import { useTestDatabase } from "../setup/test-database";

// Sessions are rows in PostgreSQL: sign-out and an admin's revoke end them at once, for a copied
// cookie too; an idle or expired session is no session; a forged cookie is refused.
useTestDatabase();

async function signIn(userId: string): Promise<{ cookie: string; sessionId: string }> {
  const response = await signInPOST(
    appRequest("/api/auth/demo/sign-in", { role: null, method: "POST", body: { userId } }),
  );
  expect(response.status).toBe(200);
  const value = /fc_session=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")![1]!;
  const secret = decodeURIComponent(value).split(".")[0]!;
  return { cookie: `${SESSION_COOKIE}=${value}`, sessionId: sessionIdOf(secret) };
}

const read = (cookie: string) =>
  auditGET(new Request(`${TEST_ORIGIN}/api/audit`, { headers: { cookie, host: "localhost" } }));

const sessionRow = async (id: string) =>
  (await getPool().query(`SELECT "userId", role, via FROM "UserSession" WHERE id = $1`, [id])).rows;

describe("server-side sessions", () => {
  it("sign-in stores a session row keyed by the hash of the cookie's secret; the cookie reads", async () => {
    const { cookie, sessionId } = await signIn("demo-viewer");
    expect(await sessionRow(sessionId)).toEqual([{ userId: "demo-viewer", role: "viewer", via: "demo" }]);
    // The table holds the hash only: the cookie's secret appears in no column.
    const secret = decodeURIComponent(cookie.split("=")[1]!).split(".")[0]!;
    const leaked = await getPool().query(`SELECT count(*)::int AS n FROM "UserSession" WHERE id = $1`, [secret]);
    expect(leaked.rows).toEqual([{ n: 0 }]);
    expect((await read(cookie)).status).toBe(200);
  });

  it("sign-out ends the session: a copy of the cookie kept from before gets 401", async () => {
    const { cookie, sessionId } = await signIn("demo-operator");
    const copied = cookie;
    const out = await signOutPOST(
      new Request(`${TEST_ORIGIN}/api/auth/sign-out`, {
        method: "POST",
        headers: { cookie, origin: TEST_ORIGIN, host: "localhost" },
      }),
    );
    expect(out.status).toBe(200);
    expect(await sessionRow(sessionId)).toEqual([]);
    const after = await read(copied);
    expect(after.status).toBe(401);
    expect((await after.json()).error.message).toMatch(/sign in/);
  });

  it("a session unused for longer than SESSION_IDLE_SECONDS, or past its absolute end, is no session", async () => {
    const idle = getAuthConfig().sessionIdleSeconds;
    const a = await signIn("demo-viewer");
    await getPool().query(
      `UPDATE "UserSession" SET "lastSeenAt" = now() - make_interval(secs => $2::int + 5) WHERE id = $1`,
      [a.sessionId, idle],
    );
    expect((await read(a.cookie)).status).toBe(401);

    const b = await signIn("demo-viewer");
    await getPool().query(
      `UPDATE "UserSession" SET "lastSeenAt" = now() - make_interval(secs => $2::int - 120) WHERE id = $1`,
      [b.sessionId, idle],
    );
    // Still inside the idle limit: it reads, and the read moves lastSeenAt to now.
    expect((await read(b.cookie)).status).toBe(200);
    const seen = await getPool().query<{ age: number }>(
      `SELECT extract(epoch FROM now() - "lastSeenAt")::float AS age FROM "UserSession" WHERE id = $1`,
      [b.sessionId],
    );
    expect(seen.rows[0]!.age).toBeLessThan(30);

    await getPool().query(`UPDATE "UserSession" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [
      b.sessionId,
    ]);
    expect((await read(b.cookie)).status).toBe(401);
  });

  it("lastSeenAt is written at most once a minute, not on every request", async () => {
    const { cookie, sessionId } = await signIn("demo-viewer");
    await getPool().query(`UPDATE "UserSession" SET "lastSeenAt" = now() - interval '30 seconds' WHERE id = $1`, [
      sessionId,
    ]);
    const before = (await getPool().query(`SELECT "lastSeenAt" FROM "UserSession" WHERE id = $1`, [sessionId])).rows;
    expect((await read(cookie)).status).toBe(200);
    const after = (await getPool().query(`SELECT "lastSeenAt" FROM "UserSession" WHERE id = $1`, [sessionId])).rows;
    expect(after).toEqual(before);
  });

  it("a cookie whose HMAC does not match, or a valid-looking secret with no row, is refused", async () => {
    const { cookie } = await signIn("demo-admin");
    const [name, value] = cookie.split("=");
    const tampered = `${name}=${decodeURIComponent(value!).replace(/.$/, (c) => (c === "A" ? "B" : "A"))}`;
    expect((await read(tampered)).status).toBe(401);
    const noRow = `${SESSION_COOKIE}=${sealSessionCookie("never-issued-secret", getAuthConfig().secret)}`;
    expect((await read(noRow)).status).toBe(401);
  });

  it("an admin lists live sessions and revokes one: its holder is signed out at once, and it is audited", async () => {
    const victim = await signIn("demo-operator");
    const list = await sessionsGET(appRequest("/api/sessions", { role: "admin" }));
    expect(list.status).toBe(200);
    const body = await list.json();
    const listed = body.sessions.find((s: { id: string }) => s.id === victim.sessionId);
    expect(listed).toMatchObject({ userId: "demo-operator", role: "operator", via: "demo" });
    expect(JSON.stringify(body)).not.toContain(decodeURIComponent(victim.cookie.split("=")[1]!).split(".")[0]!);

    const revoke = (role: "admin" | "operator", id: string, reason?: string) =>
      revokePOST(
        appRequest(`/api/sessions/${id}/revoke`, {
          role,
          method: "POST",
          body: reason === undefined ? undefined : { reason },
        }),
        { params: Promise.resolve({ sessionId: id }) },
      );
    // An operator may not revoke; the session stays.
    expect((await revoke("operator", victim.sessionId)).status).toBe(403);
    expect((await read(victim.cookie)).status).toBe(200);

    const done = await revoke("admin", victim.sessionId, "laptop lost");
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ revoked: { id: victim.sessionId, userId: "demo-operator" } });
    expect((await read(victim.cookie)).status).toBe(401);
    const audit = await getPool().query(
      `SELECT actor, outcome, reason, params->>'userId' AS "userId" FROM "AuditEvent" WHERE action = 'auth.session.revoke' ORDER BY id`,
    );
    expect(audit.rows).toEqual([
      { actor: "demo-operator", outcome: "refused", reason: null, userId: null },
      { actor: "demo-admin", outcome: "succeeded", reason: "laptop lost", userId: "demo-operator" },
    ]);

    // Again: nothing left to revoke (404 with a message); a malformed id is a 400.
    const again = await revoke("admin", victim.sessionId);
    expect(again.status).toBe(404);
    expect((await again.json()).error.message).toMatch(/no live session/);
    expect((await revoke("admin", "not-a-session-id")).status).toBe(400);
  });
});
