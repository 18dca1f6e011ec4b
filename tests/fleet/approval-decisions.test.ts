// Approve with a comment, reject with a required one (issue 17, item 5), against a real database:
// who may decide, that a rejected action never runs, that repeating a rejection changes nothing,
// and the audit rows each decision leaves.
import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { auditMark, auditRowsSince } from "../security/db-snapshot";
import { RISKY_DRAINS, approve, reject, requestRiskyDrain } from "../security/pool-action-fixtures";
import { useTestDatabase } from "../setup/test-database";
import { providerCalls, runUntilSettled } from "./action-helpers";

useTestDatabase();
beforeAll(async () => {
  await seedSimulatedFleet();
});

const stored = (id: string) => getPrisma().poolAction.findUniqueOrThrow({ where: { id } });

describe("rejecting an action awaiting approval", () => {
  it("refuses the requester's own rejection (403, audited), then a second admin rejects it with a comment", async () => {
    const { poolId, count } = RISKY_DRAINS[0];
    const action = await requestRiskyDrain({ poolId, count, role: "admin", userId: "demo-admin" });
    const mark = await auditMark();
    const own = await reject({
      actionId: action.id,
      userId: "demo-admin",
      body: { paramsHash: action.requestHash, comment: "changed my mind" },
    });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/you requested this action: a different admin must decide on it/);
    expect((await stored(action.id)).state).toBe("awaiting_approval");
    const refusedRows = await auditRowsSince(mark);
    expect(refusedRows.map((r) => [r.action, r.outcome, r.actor])).toEqual([
      ["action.reject", "refused", "demo-admin"],
    ]);

    const comment = "not during the EU peak; try after 18:00 UTC";
    const ok = await reject({
      actionId: action.id,
      userId: "demo-admin-2",
      body: { paramsHash: action.requestHash, comment },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.action.state).toBe("rejected");
    expect(ok.body.action.rejection).toEqual({
      rejectedBy: "demo-admin-2",
      rejectedAt: expect.any(String),
      comment,
    });
    const row = await stored(action.id);
    expect(row).toMatchObject({ state: "rejected", rejectedBy: "demo-admin-2", rejectionComment: comment });
    expect(row.finishedAt).not.toBeNull();

    // A rejected action never runs: the worker does not claim it, and the provider is never called.
    const settledStates = await runUntilSettled(action.id, { maxTicks: 3 }).catch((e: Error) => e.message);
    expect(settledStates).toMatch(/did not settle/);
    expect((await stored(action.id)).state).toBe("rejected");
    expect(await providerCalls(poolId)).toEqual([]);
  });

  it("is idempotent: a second rejection changes nothing, keeps the first comment, and is audited as a replay", async () => {
    const { poolId, count } = RISKY_DRAINS[1];
    const action = await requestRiskyDrain({ poolId, count });
    const mark = await auditMark();
    const first = await reject({
      actionId: action.id,
      userId: "demo-admin",
      body: { paramsHash: action.requestHash, comment: "first: too much at once" },
    });
    const second = await reject({
      actionId: action.id,
      userId: "demo-admin-2",
      body: { paramsHash: action.requestHash, comment: "second: agree, no" },
    });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.action.rejection).toMatchObject({
      rejectedBy: "demo-admin",
      comment: "first: too much at once",
    });
    const rows = await auditRowsSince(mark);
    expect(rows.map((r) => [r.action, r.outcome, r.actor, r.reason, r.message])).toEqual([
      ["action.reject", "succeeded", "demo-admin", "first: too much at once", null],
      [
        "action.reject",
        "succeeded",
        "demo-admin-2",
        "second: agree, no",
        "already rejected by demo-admin: nothing changed",
      ],
    ]);
    expect(rows[0]!.params).toEqual({ actionId: action.id, paramsHash: action.requestHash });
    expect(rows[1]!.params).toEqual({ actionId: action.id, replayed: true });
    // Neither approval nor cancel turns a rejection around.
    const late = await approve({ actionId: action.id, paramsHash: action.requestHash, userId: "demo-admin-2" });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe(`action ${action.id} is rejected, not awaiting approval`);
  });

  it("requires a comment of at least 5 characters and the reviewed parameters, and an admin", async () => {
    const { poolId, count } = RISKY_DRAINS[2];
    const action = await requestRiskyDrain({ poolId, count });
    const noComment = await reject({ actionId: action.id, body: { paramsHash: action.requestHash } });
    expect(noComment.status).toBe(400);
    const blank = await reject({ actionId: action.id, body: { paramsHash: action.requestHash, comment: "  no  " } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toMatch(/a rejection needs a comment of at least 5 characters/);
    const otherHash = await reject({
      actionId: action.id,
      body: { paramsHash: "0".repeat(64), comment: "not this one" },
    });
    expect(otherHash.status).toBe(409);
    const operator = await reject({
      actionId: action.id,
      role: "operator",
      body: { paramsHash: action.requestHash, comment: "operators cannot" },
    });
    expect(operator.status).toBe(403);
    expect((await stored(action.id)).state).toBe("awaiting_approval");
  });
});

describe("approving with a comment", () => {
  it("stores the comment on the approval, shows it in the action and audits it as the reason", async () => {
    const { poolId, count } = RISKY_DRAINS[3];
    const action = await requestRiskyDrain({ poolId, count });
    const mark = await auditMark();
    const ok = await approve({
      actionId: action.id,
      paramsHash: action.requestHash,
      userId: "demo-admin",
      body: { paramsHash: action.requestHash, comment: "ok: traffic moved to usw2" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.action.approvals).toEqual([
      expect.objectContaining({ approvedBy: "demo-admin", comment: "ok: traffic moved to usw2" }),
    ]);
    const rows = await auditRowsSince(mark);
    expect(rows.map((r) => [r.action, r.outcome, r.reason])).toEqual([
      ["action.approve", "succeeded", "ok: traffic moved to usw2"],
    ]);
  });
});
