// The per-user rate limit on mutating endpoints: past the limit a 429 with Retry-After, audited;
// counted per user; a new window allows again. The clock is pinned, so nothing depends on timing.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getPool } from "@/lib/db";
import { appRequest } from "../setup/auth";
import { useTestDatabase } from "../setup/test-database";

// handle-mutation.ts reads the limit when it is first imported.
vi.hoisted(() => {
  process.env.MUTATION_RATE_LIMIT_PER_MINUTE = "3";
});
const { POST: cancelPOST } = await import("@/app/api/actions/[actionId]/cancel/route");

useTestDatabase();

const MISSING_ACTION = "00000000-0000-4000-8000-000000000000";
const cancel = async (role: "operator" | "admin") => {
  const response = await cancelPOST(appRequest(`/api/actions/${MISSING_ACTION}/cancel`, { role, method: "POST" }), {
    params: Promise.resolve({ actionId: MISSING_ACTION }),
  });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json() };
};

describe("per-user rate limit on mutations", () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T12:00:15Z")); // 15 s into a one-minute window
  });
  afterAll(() => vi.useRealTimers());

  it("answers the 4th change in a minute with 429 and Retry-After, for that user only", async () => {
    for (let i = 0; i < 3; i++) expect((await cancel("operator")).status).toBe(404); // counted, then refused by the domain
    const limited = await cancel("operator");
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBe("45");
    expect(limited.body.error).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 45 } });
    expect(limited.body.error.message).toMatch(/at most 3 per 60 s; retry in 45 s/);

    const { rows } = await getPool().query(
      `SELECT actor, outcome, message FROM "AuditEvent" WHERE action = 'action.cancel' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({ actor: "demo-operator", outcome: "refused" });
    expect(rows[0].message).toMatch(/^RATE_LIMITED:/);

    expect((await cancel("admin")).status).toBe(404); // another user's budget is untouched

    vi.setSystemTime(new Date("2030-01-01T12:01:00Z"));
    expect((await cancel("operator")).status).toBe(404);
  });
});
