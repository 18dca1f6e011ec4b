// GET /api/actions (the actions page and the approvals inbox): filters by state, pool and kind from
// the query string, readable by viewers, checked against the raw rows with SQL of its own.
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/actions/route";
import type { TActionList } from "@/lib/fleet/actions/action-list-dto";
import { getPool } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { RISKY_DRAINS, reject, requestRiskyDrain } from "../security/pool-action-fixtures";
import { appRequest } from "../setup/auth";
import { useTestDatabase } from "../setup/test-database";
import { requestAction } from "./action-helpers";

useTestDatabase();

const list = async (query: string, role: "viewer" | "admin" | null = "viewer") => {
  const response = await GET(appRequest(`/api/actions${query}`, { role }));
  return { status: response.status, body: (await response.json()) as TActionList & { error?: { message: string } } };
};

let rejectedId: string;
let awaitingId: string;
let pendingId: string;
let launchId: string;

beforeAll(async () => {
  await seedSimulatedFleet();
  // Rejected: a 12-instance drain of rank-xl-ctr-use2-r8g-a (40 in service, no reservation).
  const rejected = await requestRiskyDrain(RISKY_DRAINS[1]);
  rejectedId = rejected.id;
  const r = await reject({
    actionId: rejected.id,
    userId: "demo-admin",
    body: { paramsHash: rejected.requestHash, comment: "not today, peak traffic" },
  });
  expect(r.status).toBe(200);
  awaitingId = (await requestRiskyDrain(RISKY_DRAINS[0])).id;
  // A 2-instance drain of 64 (3 %): no approval needed.
  pendingId = (await requestAction("guard-2b-safety-use1-c7g-a", { kind: "drain", count: 2 })).body.action.id;
  // 1 on-demand c7g at $2.32/h into 48: an operator alone under the built-in policy.
  const launch = await requestAction("lumen-caption-3b-use1-c7g-a", { kind: "launch", count: 1 });
  expect(launch.status, JSON.stringify(launch.body)).toBe(201);
  launchId = launch.body.action.id;
});

describe("GET /api/actions", () => {
  it("lists every action newest first for a viewer, and the same count as the table holds", async () => {
    const { status, body } = await list("");
    expect(status).toBe(200);
    expect(body.actions.map((a) => a.id)).toEqual([launchId, pendingId, awaitingId, rejectedId]);
    const { rows } = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM "PoolAction"`);
    expect(body.actions).toHaveLength(rows[0]!.n);
  });

  it("filters by state: the approvals inbox is state=awaiting_approval", async () => {
    expect((await list("?state=awaiting_approval")).body.actions.map((a) => a.id)).toEqual([awaitingId]);
    const rejected = (await list("?state=rejected")).body.actions;
    expect(rejected).toEqual([
      expect.objectContaining({
        id: rejectedId,
        poolId: "rank-xl-ctr-use2-r8g-a",
        kind: "drain",
        count: 12,
        decidedBy: "demo-admin",
        requestedBy: "demo-operator",
      }),
    ]);
    // 12 fewer r8g.8xlarge at $1.89/h, no reservation: −$22.68/h.
    expect(rejected[0]!.usdPerHourChange).toBeCloseTo(-22.68, 9);
    expect(rejected[0]!.approvalReasons.join(" ")).toMatch(/drains 30 % of the pool \(above 25 %\)/);
  });

  it("filters by kind and pool, and combines filters", async () => {
    expect((await list("?kind=launch")).body.actions.map((a) => a.id)).toEqual([launchId]);
    expect((await list("?pool=guard-2b-safety-use1-c7g-a")).body.actions.map((a) => a.id)).toEqual([pendingId]);
    expect((await list("?kind=drain&state=pending")).body.actions.map((a) => a.id)).toEqual([pendingId]);
    expect((await list("?kind=launch&state=rejected")).body.actions).toEqual([]);
    expect((await list("?limit=2")).body.actions.map((a) => a.id)).toEqual([launchId, pendingId]);
  });

  it("refuses an unknown state, a malformed pool id and unknown parameters with 400, and anonymous callers with 401", async () => {
    const bad = await list("?state=exploded");
    expect(bad.status).toBe(400);
    expect((await list("?pool=Not%20A%20Pool")).status).toBe(400);
    expect((await list("?owner=me")).status).toBe(400);
    expect((await list("?limit=0")).status).toBe(400);
    expect((await list("", null)).status).toBe(401);
  });
});
