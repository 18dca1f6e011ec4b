import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/auth/sign-out/route";
import { getPool } from "@/lib/db";
import { appRequest } from "../setup/auth";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const signOutRows = async () =>
  (
    await getPool().query<{ actor: string; actorRole: string; outcome: string }>(
      `SELECT actor, "actorRole", outcome FROM "AuditEvent" WHERE action = 'auth.sign-out' ORDER BY id`,
    )
  ).rows;

describe("POST /api/auth/sign-out", () => {
  it("audits a signed-in user's sign-out, as sign-in is audited, and clears the cookie", async () => {
    const response = await POST(
      appRequest("/api/auth/sign-out", {
        role: "operator",
        method: "POST",
        headers: { "user-agent": "sign-out-test" },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/^fc_session=;.*Max-Age=0/i);
    expect(await signOutRows()).toEqual([{ actor: "demo-operator", actorRole: "operator", outcome: "succeeded" }]);
  });

  it("writes nothing for a request without a session (nothing to end)", async () => {
    const before = (await signOutRows()).length;
    expect((await POST(appRequest("/api/auth/sign-out", { role: null, method: "POST" }))).status).toBe(200);
    expect(await signOutRows()).toHaveLength(before);
  });
});
