import { beforeAll, describe, expect, it } from "vitest";
import { POST as signInPOST } from "@/app/api/auth/demo/sign-in/route";
import { getPrisma } from "@/lib/db";
import { requestMeta } from "@/lib/http/request-guards";
import { TEST_ORIGIN } from "../setup/auth";
import { useTestDatabase } from "../setup/test-database";

// Issue 18: the audited source address was the client's own first X-Forwarded-For entry, and
// session-less requests had no limit, so refusals could fill the audit log without end.
useTestDatabase();
beforeAll(() => {
  process.env.ANONYMOUS_RATE_LIMIT_PER_MINUTE = "5";
});

const signIn = (forwardedFor: string) =>
  signInPOST(
    new Request(`${TEST_ORIGIN}/api/auth/demo/sign-in`, {
      method: "POST",
      headers: {
        origin: TEST_ORIGIN,
        host: "localhost",
        "content-type": "application/json",
        "x-forwarded-for": forwardedFor,
      },
      body: JSON.stringify({ userId: "no-such-user" }),
    }),
  );

describe("source address", () => {
  it("is the entry the trusted proxy added, not the client's first; the raw header is kept", () => {
    const req = (xff?: string) => new Request(TEST_ORIGIN, { headers: xff ? { "x-forwarded-for": xff } : {} });
    // One trusted hop (the default): the ALB appended the last entry; the first is the client's say-so.
    expect(requestMeta(req("6.6.6.6, 198.51.100.9"))).toMatchObject({
      sourceIp: "198.51.100.9",
      forwardedFor: "6.6.6.6, 198.51.100.9",
    });
    process.env.TRUSTED_PROXY_HOPS = "2";
    expect(requestMeta(req("6.6.6.6, 198.51.100.9, 10.0.0.7")).sourceIp).toBe("198.51.100.9");
    expect(requestMeta(req("198.51.100.9")).sourceIp).toBeNull(); // fewer entries than proxies: unknown
    process.env.TRUSTED_PROXY_HOPS = "0";
    expect(requestMeta(req("198.51.100.9")).sourceIp).toBeNull(); // no proxy: the header is not ours
    delete process.env.TRUSTED_PROXY_HOPS;
    expect(requestMeta(req()).sourceIp).toBeNull();
  });
});

describe("requests without a session", () => {
  it("draw on a budget per source address; over it they get 429 and no audit row each", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn("6.6.6.6, 198.51.100.20")).status);
    expect(statuses.slice(0, 5).every((s) => s >= 400 && s < 500 && s !== 429)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const rows = await getPrisma().auditEvent.findMany({
      where: { action: "auth.sign-in", sourceIp: "198.51.100.20" },
      select: { forwardedFor: true, outcome: true, repeatCount: true },
    });
    // The five refusals within budget are identical: one row counts them; the 429s add nothing.
    expect(rows).toEqual([{ forwardedFor: "6.6.6.6, 198.51.100.20", outcome: "refused", repeatCount: 5 }]);
    // Another address has its own budget.
    expect((await signIn("198.51.100.21")).status).not.toBe(429);
  });
});
