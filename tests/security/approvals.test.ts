// The two-person rule and the mutation guard, against a real database: every refusal is answered
// with its 4xx, writes one refused audit row, and changes nothing else.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createPOST } from "@/app/api/pools/[poolId]/actions/route";
import { getPool } from "@/lib/db";
import { MAX_BODY_BYTES } from "@/lib/http/request-guards";
import { requestHash } from "@/lib/fleet/actions/request-hash";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { TEST_ORIGIN, appRequest, sessionCookie } from "../setup/auth";
import { useTestDatabase } from "../setup/test-database";
import { auditRowsSince, fleetSnapshot, auditMark } from "./db-snapshot";
import { RISKY_DRAINS, approve, drainBody, idempotencyKey, requestRiskyDrain } from "./pool-action-fixtures";

useTestDatabase();
beforeAll(async () => {
  await seedSimulatedFleet();
});

/** Runs a request expected to be refused; asserts exactly one refused audit row and no other write. */
async function expectRefusedWithoutWrites<T>(
  send: () => Promise<T>,
  audit: { action: string; actor: string; message: RegExp },
): Promise<T> {
  const before = await fleetSnapshot();
  const auditFrom = await auditMark();
  const result = await send();
  expect(await fleetSnapshot()).toEqual(before);
  const rows = await auditRowsSince(auditFrom);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ action: audit.action, actor: audit.actor, outcome: "refused" });
  expect(rows[0]!.message).toMatch(audit.message);
  return result;
}

const actionState = async (id: string) =>
  (await getPool().query<{ state: string }>(`SELECT state FROM "PoolAction" WHERE id = $1`, [id])).rows[0]!.state;

describe("mutations only from the app's own origin", () => {
  const drain = RISKY_DRAINS[0];

  it("refuses a cross-origin approval, an Origin: null one and one without Origin, auditing each", async () => {
    const action = await requestRiskyDrain(drain);
    for (const [origin, message] of [
      ["https://evil.example", /cross-origin request refused \(Origin: https:\/\/evil\.example\)/],
      ["null", /cross-origin request refused \(Origin: null\)/],
    ] as const) {
      const result = await expectRefusedWithoutWrites(
        () =>
          approve({
            actionId: action.id,
            paramsHash: action.requestHash,
            userId: "demo-admin",
            headers: { origin, "user-agent": "csrf-probe/1.0", "x-forwarded-for": "203.0.113.7" },
          }),
        // The refusal names the session the cross-site request carried (issue 18: it said "anonymous").
        {
          action: "action.approve",
          actor: "demo-admin",
          message,
        },
      );
      expect(result.status).toBe(403);
      expect(result.body.error.code).toBe("FORBIDDEN");
    }
    const rows = await getPool().query(
      `SELECT "sourceIp", "userAgent" FROM "AuditEvent" WHERE action = 'action.approve' AND outcome = 'refused' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows.rows[0]).toEqual({ sourceIp: "203.0.113.7", userAgent: "csrf-probe/1.0" });

    // A form post from another site arrives with the victim's cookie but without an Origin header.
    const noOrigin = new Request(`${TEST_ORIGIN}/api/actions/${action.id}/approve`, {
      method: "POST",
      headers: {
        host: "localhost",
        cookie: sessionCookie("admin", "demo-admin"),
        "content-type": "application/json",
        "sec-fetch-site": "cross-site",
      },
      body: JSON.stringify({ paramsHash: action.requestHash }),
    });
    const { POST } = await import("@/app/api/actions/[actionId]/approve/route");
    const response = await expectRefusedWithoutWrites(
      () => POST(noOrigin, { params: Promise.resolve({ actionId: action.id }) }),
      { action: "action.approve", actor: "demo-admin", message: /no Origin header/ },
    );
    expect(response.status).toBe(403);
    expect(await actionState(action.id)).toBe("awaiting_approval");
  });

  it("refuses a cross-origin launch/drain request before it creates anything", async () => {
    const { poolId, count } = RISKY_DRAINS[1];
    const response = await expectRefusedWithoutWrites(
      () =>
        createPOST(
          appRequest(`/api/pools/${poolId}/actions`, {
            role: "operator",
            method: "POST",
            body: drainBody(poolId, count),
            headers: { origin: "https://evil.example", "idempotency-key": idempotencyKey() },
          }),
          {
            params: Promise.resolve({ poolId }),
          },
        ),
      { action: "pool.action.request", actor: "demo-operator", message: /cross-origin/ },
    );
    expect(response.status).toBe(403);
  });
});

describe("the two-person rule", () => {
  it("refuses self-approval: the admin who requested a drain cannot approve it, a second admin can", async () => {
    const { poolId, count } = RISKY_DRAINS[2];
    const action = await requestRiskyDrain({ poolId, count, role: "admin", userId: "demo-admin" });
    expect(action.requestedBy).toBe("demo-admin");
    const refused = await expectRefusedWithoutWrites(
      () => approve({ actionId: action.id, paramsHash: action.requestHash, userId: "demo-admin" }),
      {
        action: "action.approve",
        actor: "demo-admin",
        message: /^FORBIDDEN: you requested this action/,
      },
    );
    expect(refused.status).toBe(403);
    expect(await actionState(action.id)).toBe("awaiting_approval");

    const ok = await approve({ actionId: action.id, paramsHash: action.requestHash, userId: "demo-admin-2" });
    expect(ok.status).toBe(200);
    expect(ok.body.action.state).toBe("pending");
    expect(ok.body.action.approvals).toEqual([expect.objectContaining({ approvedBy: "demo-admin-2" })]);
  });

  it("a valid approval by a second admin moves the action to pending, with its approval and audit row in one transaction", async () => {
    const { poolId, count } = RISKY_DRAINS[3];
    const action = await requestRiskyDrain({ poolId, count });
    const auditFrom = await auditMark();
    const ok = await approve({ actionId: action.id, paramsHash: action.requestHash, userId: "demo-admin" });
    expect(ok.status).toBe(200);
    expect(ok.body.action.state).toBe("pending");
    const { rows: approvals } = await getPool().query(
      `SELECT "approvedBy", "paramsHash" FROM "ActionApproval" WHERE "actionId" = $1`,
      [action.id],
    );
    expect(approvals).toEqual([{ approvedBy: "demo-admin", paramsHash: action.requestHash }]);
    const audit = await auditRowsSince(auditFrom);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "action.approve",
      actor: "demo-admin",
      actorRole: "admin",
      poolId,
      outcome: "succeeded",
      params: { actionId: action.id, paramsHash: action.requestHash },
    });

    // Approving again: the action is no longer awaiting approval.
    const again = await expectRefusedWithoutWrites(
      () => approve({ actionId: action.id, paramsHash: action.requestHash, userId: "demo-admin-2" }),
      { action: "action.approve", actor: "demo-admin-2", message: /^CONFLICT: .* is pending, not awaiting approval/ },
    );
    expect(again.status).toBe(409);
  });

  it("refuses an approval of altered parameters with 409", async () => {
    const { poolId, count } = RISKY_DRAINS[4];
    const action = await requestRiskyDrain({ poolId, count });
    // What an admin reviewing a tampered request (one more instance) would have been shown.
    const alteredHash = requestHash({ poolId, ...drainBody(poolId, count + 1), mode: "count", overrides: {} });
    expect(alteredHash).not.toBe(action.requestHash);
    const refused = await expectRefusedWithoutWrites(
      () => approve({ actionId: action.id, paramsHash: alteredHash, userId: "demo-admin" }),
      {
        action: "action.approve",
        actor: "demo-admin",
        message: /^CONFLICT: the action's parameters differ from the ones you reviewed/,
      },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("CONFLICT");
    expect(await actionState(action.id)).toBe("awaiting_approval");
  });

  it("refuses an approval after the approval deadline with 410", async () => {
    const { poolId, count } = RISKY_DRAINS[5];
    const action = await requestRiskyDrain({ poolId, count });
    await getPool().query(`UPDATE "PoolAction" SET "approvalDeadline" = now() - interval '1 minute' WHERE id = $1`, [
      action.id,
    ]);
    const auditFrom = await auditMark();
    const refused = await approve({ actionId: action.id, paramsHash: action.requestHash, userId: "demo-admin" });
    expect(refused.status).toBe(410);
    expect(refused.body.error.code).toBe("GONE");
    expect(refused.body.error.message).toMatch(/approval window .* closed/);
    const { rows } = await getPool().query(`SELECT count(*)::int AS n FROM "ActionApproval" WHERE "actionId" = $1`, [
      action.id,
    ]);
    expect(rows[0].n).toBe(0);
    // The expired action is closed (so the worker never runs it), and the refusal is audited.
    expect(await actionState(action.id)).toBe("cancelled");
    const audit = await auditRowsSince(auditFrom);
    expect(
      audit.filter((r) => r.outcome === "refused" && r.action === "action.approve" && /^GONE:/.test(r.message ?? "")),
    ).toHaveLength(1);
  });

  it("refuses an operator's approval by role (403), whoever requested the action", async () => {
    const { poolId, count } = RISKY_DRAINS[6];
    const action = await requestRiskyDrain({ poolId, count });
    const { POST } = await import("@/app/api/actions/[actionId]/approve/route");
    const response = await expectRefusedWithoutWrites(
      () =>
        POST(
          appRequest(`/api/actions/${action.id}/approve`, {
            role: "operator",
            method: "POST",
            body: { paramsHash: action.requestHash },
          }),
          { params: Promise.resolve({ actionId: action.id }) },
        ),
      { action: "action.approve", actor: "demo-operator", message: /^FORBIDDEN: this needs the admin role/ },
    );
    expect(response.status).toBe(403);
  });
});

describe("bounded bodies", () => {
  it("refuses a body over 1 MB with 413, whether or not Content-Length declares it", async () => {
    const { poolId, count } = RISKY_DRAINS[7];
    const action = await requestRiskyDrain({ poolId, count });
    const huge = JSON.stringify({ paramsHash: action.requestHash, padding: "x".repeat(MAX_BODY_BYTES) });
    for (const headers of [{}, { "content-length": String(Buffer.byteLength(huge)) }] as Array<
      Record<string, string>
    >) {
      const result = await expectRefusedWithoutWrites(
        () =>
          approve({ actionId: action.id, paramsHash: action.requestHash, userId: "demo-admin", body: huge, headers }),
        {
          action: "action.approve",
          actor: "demo-admin",
          message: /^PAYLOAD_TOO_LARGE: request body over 1048576 bytes/,
        },
      );
      expect(result.status).toBe(413);
    }
    expect(await actionState(action.id)).toBe("awaiting_approval");
  });
});
