// What a launch's wait-for-instances step stores per instance on the simulated provider: the
// instances it launched, each one's boot state, in-service time and an ETA from observed boot times.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getActions } from "@/app/api/pools/[poolId]/actions/route";
import { getPrisma } from "@/lib/db";
import { parseStepDetail } from "@/lib/fleet/worker/step-details";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { appRequest } from "../setup/auth";
import { useTestDatabase } from "../setup/test-database";
import { requestAction, runUntilSettled } from "./action-helpers";
import { insertAction } from "../fleet-aws/worker-aws-helpers";
import { tick } from "./drain-helpers";

process.env.SIM_BOOT_SECONDS = "90";
process.env.SIM_PDB_BLOCK_SECONDS = "0";
process.env.SIM_POD_GRACE_SECONDS = "0";

useTestDatabase();
beforeAll(async () => {
  await seedSimulatedFleet();
});

const POOL = "helios-405b-use2-trn2-a"; // 4 in service of 16 reserved, max 8: launches need no approval
const at = (t: number) => new Date(t);
const iso = (t: number) => new Date(t).toISOString();

async function waitDetail(actionId: string) {
  const step = await getPrisma().poolActionStep.findFirstOrThrow({ where: { actionId, name: "wait-for-instances" } });
  return { state: step.state, detail: parseStepDetail("wait-for-instances", step.detail)! };
}

/** The instances a launch created (not in the pool before), oldest id first. */
async function launched(actionId: string) {
  const step = await getPrisma().poolActionStep.findFirstOrThrow({
    where: { actionId, name: "set-desired-capacity" },
  });
  const before = parseStepDetail("set-desired-capacity", step.detail)!.instancesBefore!;
  const rows = await getPrisma().simulatedInstance.findMany({
    where: { poolId: POOL, id: { notIn: before } },
    orderBy: { id: "asc" },
  });
  return { before, rows };
}

const setBoot = (id: string, launchedAt: number, readyAt: number) =>
  getPrisma().simulatedInstance.update({
    where: { id },
    data: { launchedAt: at(launchedAt), readyAt: at(readyAt), state: "pending" },
  });

describe("a launch's per-instance progress (simulated provider)", () => {
  it("names the launched instances, their boot state, in-service times and ETAs from observed boots", async () => {
    const { body } = await requestAction(POOL, { kind: "launch", count: 2 });
    const actionId: string = body.action.id;
    await tick(actionId); // set-desired-capacity
    const { before, rows } = await launched(actionId);
    expect(before).toHaveLength(4);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => /^i-0[0-9a-f]{16}$/.test(r.id))).toBe(true);
    const [a, b] = rows as [(typeof rows)[0], (typeof rows)[0]];

    // A booted in 90 s and is in service; B launched 40 s ago with a 90 s boot: past its first
    // third (30 s), so running, not yet in service.
    const t0 = Date.now();
    await setBoot(a.id, t0 - 100_000, t0 - 10_000);
    await setBoot(b.id, t0 - 40_000, t0 + 50_000);
    await tick(actionId);
    const first = await waitDetail(actionId);
    expect(first.state).toBe("running");
    expect(first.detail).toMatchObject({ inService: 5, target: 6, boot: { samples: 1, medianSeconds: 90 } });
    expect(first.detail.instances).toEqual([
      {
        instanceId: a.id,
        nodeName: a.nodeName,
        state: "in_service",
        launchedAt: iso(t0 - 100_000),
        launchedAtSeen: false,
        inServiceAt: iso(t0 - 10_000),
        etaAt: null,
      },
      {
        instanceId: b.id,
        nodeName: b.nodeName,
        state: "running",
        launchedAt: iso(t0 - 40_000),
        launchedAtSeen: false,
        inServiceAt: null,
        etaAt: iso(t0 - 40_000 + 90_000), // launched + the one observed boot (A's 90 s)
      },
    ]);
    expect(first.detail.etaAt).toBe(iso(t0 + 50_000));

    // The API returns the same detail, validated as it leaves the database.
    const response = await getActions(appRequest(`/api/pools/${POOL}/actions`, { role: "viewer" }), {
      params: Promise.resolve({ poolId: POOL }),
    });
    const listed = (await response.json()).actions.find((x: { id: string }) => x.id === actionId);
    expect(listed.steps[1].detail.instances.map((i: { state: string }) => i.state)).toEqual(["in_service", "running"]);

    // B boots in 30 s after all: in service at its readyAt, and the step ends.
    await setBoot(b.id, t0 - 40_000, t0 - 10_000);
    const done = await runUntilSettled(actionId);
    expect(done.state).toBe("succeeded");
    const last = await waitDetail(actionId);
    expect(last.detail.instances?.map((i) => [i.state, i.inServiceAt, i.etaAt])).toEqual([
      ["in_service", iso(t0 - 10_000), null],
      ["in_service", iso(t0 - 10_000), null],
    ]);
    expect(last.detail).toMatchObject({ inService: 6, boot: { samples: 2, medianSeconds: 60 }, etaAt: null });

    // The next launch on the pool takes its ETA from those two boots (90 s and 30 s: median 60 s).
    const next = await requestAction(POOL, { kind: "launch", count: 1 });
    const nextId: string = next.body.action.id;
    await tick(nextId);
    const { rows: added } = await launched(nextId);
    const c = added.find((r) => r.id !== a.id && r.id !== b.id)!;
    const t1 = Date.now();
    await setBoot(c.id, t1 - 10_000, t1 + 200_000); // 10 s into a 210 s boot: still pending (first third)
    await tick(nextId);
    const waiting = await waitDetail(nextId);
    expect(waiting.detail.instances).toEqual([
      expect.objectContaining({ instanceId: c.id, state: "pending", etaAt: iso(t1 - 10_000 + 60_000) }),
    ]);
    expect(waiting.detail).toMatchObject({ boot: { samples: 2, medianSeconds: 60 }, etaAt: iso(t1 + 50_000) });
  });

  it("marks an instance that ends before it serves as failed; plain ASG instances have no node", async () => {
    const pool = "guard-2b-safety-use1-c7g-a"; // a plain Auto Scaling group
    const actionId = await insertAction(pool, "launch", 1); // stored as after the checks (on-demand)
    await tick(actionId);
    const { rows } = await (async () => {
      const step = await getPrisma().poolActionStep.findFirstOrThrow({
        where: { actionId, name: "set-desired-capacity" },
      });
      const before = parseStepDetail("set-desired-capacity", step.detail)!.instancesBefore!;
      expect(before).toHaveLength(64);
      return { rows: await getPrisma().simulatedInstance.findMany({ where: { poolId: pool, id: { notIn: before } } }) };
    })();
    expect(rows).toHaveLength(1);
    const t0 = Date.now();
    await getPrisma().simulatedInstance.update({
      where: { id: rows[0]!.id },
      data: { launchedAt: at(t0 - 5_000), readyAt: at(t0 + 85_000), state: "terminated", terminatedAt: at(t0 - 1_000) },
    });
    await tick(actionId);
    const { state, detail } = await waitDetail(actionId);
    expect(state).toBe("running");
    expect(detail.instances).toEqual([
      {
        instanceId: rows[0]!.id,
        nodeName: null,
        state: "failed",
        launchedAt: iso(t0 - 5_000),
        launchedAtSeen: false,
        inServiceAt: null,
        etaAt: null,
      },
    ]);
    // No boot observed on this pool yet: no ETA rather than a guessed one.
    expect(detail).toMatchObject({ boot: null, etaAt: null, inService: 64, target: 65 });
  });
});
