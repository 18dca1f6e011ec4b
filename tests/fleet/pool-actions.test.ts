import { beforeAll, describe, expect, it } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { useTestDatabase } from "../setup/test-database";
import { providerCalls, requestAction, runUntilSettled, tableCounts } from "./action-helpers";

// Simulated provider timings for tests: instances boot at once, a PDB refuses for one second.
process.env.SIM_BOOT_SECONDS = "0";
process.env.SIM_PDB_BLOCK_SECONDS = "1";
process.env.SIM_POD_GRACE_SECONDS = "0";

useTestDatabase();
beforeAll(async () => {
  await seedSimulatedFleet();
});

const desiredOf = async (poolId: string) =>
  (await getPrisma().pool.findUniqueOrThrow({ where: { id: poolId } })).desiredCapacity;

describe("launch", () => {
  it("scales a pool out within its reservation, once, and records every step", async () => {
    const pool = "helios-405b-use2-trn2-a"; // 4 in service of 16 reserved, max 8
    const { status, body } = await requestAction(pool, { kind: "launch", count: 3 });
    expect(status).toBe(201);
    expect(body.action).toMatchObject({ state: "pending", kind: "launch", count: 3, requestedBy: "demo-operator" });
    expect(body.action.preview.capacity).toMatchObject({ inServiceBefore: 4, after: 7, reserved: 16 });

    const done = await runUntilSettled(body.action.id);
    expect(done.state).toBe("succeeded");
    expect(await desiredOf(pool)).toBe(7);
    const calls = await providerCalls(pool);
    expect(calls.map((c) => c.method)).toEqual(["setDesiredCapacity"]);
    expect(calls[0]!.args).toMatchObject({ desired: 7 });
    const steps = await getPrisma().poolActionStep.findMany({
      where: { actionId: body.action.id },
      orderBy: { seq: "asc" },
    });
    expect(steps.map((s) => [s.name, s.state])).toEqual([
      ["set-desired-capacity", "succeeded"],
      ["wait-for-instances", "succeeded"],
    ]);
    // The pool's earlier rows are the inventory sync's, from when the seed discovered it.
    const audit = await getPrisma().auditEvent.findMany({
      where: { poolId: pool, actor: { not: "inventory-sync" } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.outcome, a.actor])).toEqual([
      ["pool.launch", "succeeded", "demo-operator"],
      ["action.succeeded", "succeeded", "fleet-worker"],
    ]);
  });

  it("keeps the provider's error when the launch fails, and calls nothing after it", async () => {
    // 6 of 6 reserved: 1 on-demand trn2 at $44.70/h, 1 of 6 (17 %): the built-in approval policy lets
    // an operator add it alone ($250/h, 50 %), so no override and no second person.
    const pool = "iris-vl-34b-use2-trn2-a";
    await getPrisma().simulatedFault.create({ data: { poolId: pool, kind: "insufficient_capacity" } });
    const { body } = await requestAction(pool, { kind: "launch", count: 1 });
    expect(body.action.state).toBe("pending");
    expect(body.action.approvalReasons).toEqual([]);
    const done = await runUntilSettled(body.action.id);
    expect(done.state).toBe("failed");
    expect(done.error).toMatch(/set-desired-capacity: InsufficientInstanceCapacity/);
    expect((await providerCalls(pool)).map((c) => c.method)).toEqual(["setDesiredCapacity"]);
    expect(await desiredOf(pool)).toBe(6);
  });
});

describe("drain", () => {
  it("cordons the newest nodes, evicts pods past a PDB, skips DaemonSets, then terminates exactly those instances", async () => {
    const pool = "rerank-mini-usw2-c7g-a"; // EKS node group, 24 instances, no reservation
    const { status, body } = await requestAction(pool, { kind: "drain", count: 3 });
    expect(status).toBe(201);
    const chosen = body.action.preview.drain.instances.map((i: { instanceId: string }) => i.instanceId);
    expect(chosen).toHaveLength(3);
    expect(body.action.preview.drain.pdbs).toEqual(["rerank-mini-pdb"]);

    const done = await runUntilSettled(body.action.id, { waitMs: 400 });
    expect(done.state).toBe("succeeded");
    expect(await desiredOf(pool)).toBe(21);
    const terminated = await getPrisma().simulatedInstance.findMany({
      where: { poolId: pool, state: "terminated" },
      select: { id: true, cordoned: true },
    });
    expect(terminated.map((t) => t.id).sort()).toEqual([...chosen].sort());
    expect(terminated.every((t) => t.cordoned)).toBe(true);

    const calls = await providerCalls(pool);
    expect(calls.filter((c) => c.method === "cordonNode")).toHaveLength(3);
    expect(calls.filter((c) => c.method === "terminateInstances")).toHaveLength(1);
    // 2 serving pods per node, each refused by the PDB at first and retried until evicted;
    // DaemonSet pods (aws-node) never.
    const evictions = calls.filter((c) => c.method === "evictPod");
    const evictedPods = new Set(evictions.map((c) => (c.args as { name: string }).name));
    expect(evictedPods.size).toBe(6);
    expect(evictions.length).toBeGreaterThan(6);
    expect([...evictedPods].some((name) => name.includes("aws-node"))).toBe(false);
    const evictStep = await getPrisma().poolActionStep.findFirstOrThrow({
      where: { actionId: body.action.id, name: "evict-pods" },
    });
    expect(evictStep.attempts).toBeGreaterThan(1);
    expect(evictStep.detail).toMatchObject({ skippedDaemonSet: 3, blocked: [] });
  });

  it("stops before its next provider call when cancelled, only giving its nodes back, and reports the blocking PDB meanwhile", async () => {
    const eks = "lumen-caption-3b-usw2-c7g-a"; // EKS node group with PDB-protected pods
    await getPrisma().simulatedFault.create({ data: { poolId: eks, kind: "eviction_stuck" } });
    const { body } = await requestAction(eks, { kind: "drain", count: 2 });
    for (let i = 0; i < 6; i++) {
      await getPool().query(`UPDATE "PoolAction" SET "nextRunAt" = now() WHERE id = $1`, [body.action.id]);
      const { runWorkerTick } = await import("@/lib/fleet/worker/run-worker-tick");
      await runWorkerTick({ workerId: "test-worker" });
    }
    const evictStep = await getPrisma().poolActionStep.findFirstOrThrow({
      where: { actionId: body.action.id, name: "evict-pods" },
    });
    expect(evictStep.state).toBe("running");
    expect((evictStep.detail as { blocked: Array<{ pdbName: string; message: string }> }).blocked[0]).toMatchObject({
      pdbName: "lumen-caption-3b-pdb",
      message: expect.stringMatching(/disruption budget/),
    });

    const { POST: cancel } = await import("@/app/api/actions/[actionId]/cancel/route");
    const { appRequest } = await import("../setup/auth");
    const response = await cancel(
      appRequest(`/api/actions/${body.action.id}/cancel`, { role: "operator", method: "POST" }),
      { params: Promise.resolve({ actionId: body.action.id }) },
    );
    expect(response.status).toBe(200);
    const before = (await providerCalls(eks)).length;
    const done = await runUntilSettled(body.action.id);
    expect(done.state).toBe("cancelled");
    expect((await providerCalls(eks)).slice(before).map((c) => c.method)).toEqual(["uncordonNode", "uncordonNode"]);
    expect(await desiredOf(eks)).toBe(36);
  });
});

describe("requests", () => {
  it("replays the same Idempotency-Key and body, and refuses the key with another body", async () => {
    const pool = "rank-embed-v4-usw2-m7g-a";
    const first = await requestAction(pool, { kind: "drain", count: 1 }, { key: "key-replay-0001" });
    const again = await requestAction(pool, { kind: "drain", count: 1 }, { key: "key-replay-0001" });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ replayed: true, action: { id: first.body.action.id } });
    const other = await requestAction(pool, { kind: "drain", count: 2 }, { key: "key-replay-0001" });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toMatch(/already used with a different request/);
  });

  it("allows one active action per pool and names it", async () => {
    const pool = "rank-xl-ctr-use1-r8g-b"; // no other test in this file touches it
    const first = await requestAction(pool, { kind: "drain", count: 1 });
    expect(first.status).toBe(201);
    const active = await getPrisma().poolAction.findFirstOrThrow({ where: { poolId: pool, state: "pending" } });
    expect(active.id).toBe(first.body.action.id);
    const second = await requestAction(pool, { kind: "drain", count: 1 });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain(active.id);
  });

  it("lets exactly one of two racing workers run a step", async () => {
    const { body } = await requestAction("rerank-mini-use1-c7g-a", { kind: "drain", count: 1 });
    const { runWorkerTick } = await import("@/lib/fleet/worker/run-worker-tick");
    await getPool().query(
      `UPDATE "PoolAction" SET "nextRunAt" = now() - interval '1 s' WHERE state IN ('pending','running') AND id <> $1`,
      [body.action.id],
    );
    await getPool().query(
      `UPDATE "PoolAction" SET state = 'cancelled' WHERE state IN ('pending','running') AND id <> $1`,
      [body.action.id],
    );
    const results = await Promise.all([
      runWorkerTick({ workerId: "worker-a" }),
      runWorkerTick({ workerId: "worker-b" }),
    ]);
    expect(results.sort()).toEqual(["idle", "ran"]);
    const steps = await getPrisma().poolActionStep.findMany({
      where: { actionId: body.action.id, attempts: { gt: 0 } },
    });
    expect(steps.map((s) => [s.name, s.attempts])).toEqual([["select-instances", 1]]);
  });
});

describe("guardrails", () => {
  const cases: Array<[string, string, Record<string, unknown>, number, RegExp]> = [
    [
      "more than the per-action bound",
      "guard-2b-safety-use1-c7g-a",
      { kind: "drain", count: 201 },
      422,
      /at most 200 instances per action/,
    ],
    [
      "beyond the schema bound",
      "guard-2b-safety-use1-c7g-a",
      { kind: "drain", count: 5000 },
      400,
      /^The number of instances must be at most 1000 per request\.$/,
    ],
    [
      "a negative count",
      "guard-2b-safety-use1-c7g-a",
      { kind: "drain", count: -1 },
      400,
      /^The number of instances must be at least 1\.$/,
    ],
    [
      "past the pool's max capacity",
      "helios-405b-usw2-trn2-a",
      { kind: "launch", count: 13 },
      422,
      /^refused: 12 → 25 exceeds the pool maximum of 24 \(at most 12 more\)$/,
    ],
    [
      "past the drain share limit without override",
      "guard-2b-safety-usw2-c7g-a",
      { kind: "drain", count: 30 },
      422,
      /shareLimit/,
    ],
    [
      "leaving reserved capacity idle without override",
      "atlas-70b-chat-use1-trn2-a",
      { kind: "drain", count: 2 },
      422,
      /reservedIdle .*leaves 2 reserved instance/,
    ],
    [
      // 33 of 64 in service is 52 %: more than the 50 % an operator may add alone (built-in policy).
      "into on-demand past what an operator may add alone, without override",
      "rank-xl-ctr-usw2-r8g-a",
      { kind: "launch", count: 33 },
      422,
      /onDemand .*beyond reserved capacity .*52 % is over the 50 % of the pool an operator may add alone/,
    ],
    [
      "without typing the pool's name",
      "rank-xl-ctr-usw2-r8g-a",
      { kind: "drain", count: 1, confirmPoolName: "rank-xl" },
      422,
      /^Type the pool's name, rank-xl-ctr-usw2-r8g-a, to confirm\.$/,
    ],
    [
      "with an unknown field",
      "rank-xl-ctr-usw2-r8g-a",
      { kind: "drain", count: 1, force: true },
      400,
      /^This request does not take “force”\.$/,
    ],
  ];
  for (const [name, pool, body, status, message] of cases) {
    it(`refuses a request ${name}, writing only the audit row`, async () => {
      const before = await tableCounts();
      const response = await requestAction(pool, body);
      expect(response.status).toBe(status);
      expect(response.body.error.message).toMatch(message);
      const after = await tableCounts();
      expect(after).toEqual({ ...before, audit: before.audit + 1 });
      const audit = await getPrisma().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
      expect(audit).toMatchObject({ outcome: "refused", actor: "demo-operator", action: "pool.action.request" });
    });
  }

  it("refuses a drain that would take a model below its minimum serving capacity", async () => {
    await getPrisma().model.update({ where: { id: "rerank-mini" }, data: { minServingInstances: 50 } });
    const { status, body } = await requestAction("rerank-mini-use1-c7g-a", { kind: "drain", count: 4 });
    expect(status).toBe(422);
    expect(body.error.message).toMatch(/rerank-mini would keep \d+ serving instances, below its minimum of 50/);
  });

  it("refuses viewers with 403 before anything else", async () => {
    const { status } = await requestAction("rerank-mini-use1-c7g-a", { kind: "drain", count: 1 }, { role: "viewer" });
    expect(status).toBe(403);
  });
});
