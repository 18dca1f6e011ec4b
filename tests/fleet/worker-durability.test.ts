import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { useTestDatabase } from "../setup/test-database";
import { providerCalls, requestAction } from "./action-helpers";
import { finalState, stepOf, useWorkerProcesses, waitFor } from "./worker-processes";

// Real worker processes (scripts/run-worker.ts), killed with SIGKILL mid-action, then restarted.
const db = useTestDatabase();
const startWorker = useWorkerProcesses(db);
beforeAll(async () => {
  await seedSimulatedFleet();
});
const stepState = async (actionId: string, name: string) => (await stepOf(actionId, name)).state;

describe("a worker killed mid-action", () => {
  it("resumes a launch from its last completed step without setting capacity twice", async () => {
    const pool = "helios-405b-use2-trn2-a";
    const { body } = await requestAction(pool, { kind: "launch", count: 2 });
    const first = startWorker({ SIM_BOOT_SECONDS: "4" });
    await waitFor(
      "set-desired-capacity to complete",
      async () => (await stepState(body.action.id, "set-desired-capacity")) === "succeeded",
    );
    first.signal("SIGKILL");
    expect(await finalState(body.action.id)).toBeNull();

    startWorker({ SIM_BOOT_SECONDS: "4" });
    expect(await waitFor("the launch to finish", () => finalState(body.action.id))).toBe("succeeded");
    expect((await providerCalls(pool, "setDesiredCapacity")).length).toBe(1);
    expect((await getPrisma().pool.findUniqueOrThrow({ where: { id: pool } })).desiredCapacity).toBe(6);
  });

  it("resumes a drain after the cordons without cordoning or terminating twice", async () => {
    const pool = "atlas-1b-edge-usw2-c8g-a"; // EKS node group, 40 instances, no reservation
    const { body } = await requestAction(pool, { kind: "drain", count: 3 });
    const chosen: string[] = body.action.preview.drain.instances.map((i: { instanceId: string }) => i.instanceId);
    const first = startWorker({ SIM_PDB_BLOCK_SECONDS: "1" });
    await waitFor(
      "cordon-nodes to complete",
      async () => (await stepState(body.action.id, "cordon-nodes")) === "succeeded",
    );
    first.signal("SIGKILL");
    expect(await finalState(body.action.id)).toBeNull();

    startWorker({ SIM_PDB_BLOCK_SECONDS: "1" });
    expect(await waitFor("the drain to finish", () => finalState(body.action.id))).toBe("succeeded");
    expect((await providerCalls(pool, "cordonNode")).length).toBe(3);
    expect((await providerCalls(pool, "terminateInstances")).length).toBe(1);
    const terminated = await getPrisma().simulatedInstance.findMany({
      where: { poolId: pool, state: "terminated" },
      select: { id: true },
    });
    expect(terminated.map((t) => t.id).sort()).toEqual([...chosen].sort());
    expect((await getPrisma().pool.findUniqueOrThrow({ where: { id: pool } })).desiredCapacity).toBe(37);
  });
});

describe("a worker killed right after an eviction", () => {
  it("has recorded it: its successor evicts no pod twice", async () => {
    const pool = "guard-2b-safety-use2-c7g-a"; // EKS node group, 32 instances, no reservation
    const { body } = await requestAction(pool, { kind: "drain", count: 2 });
    const chosen: string[] = body.action.preview.drain.instances.map((i: { instanceId: string }) => i.instanceId);
    // Each change call takes 2 s to reach the API, so the worker can be killed between two evictions;
    // evicted pods stay listed for 20 s (grace period), so a successor that forgot one would evict it again.
    await getPrisma().simulatedFault.create({ data: { poolId: pool, kind: "slow_calls" } });
    const env = { SIM_PDB_BLOCK_SECONDS: "0", SIM_POD_GRACE_SECONDS: "20" };
    const podsOf = { instance: { id: { in: chosen } } };
    const first = startWorker(env);
    await waitFor(
      "the first eviction",
      () => getPrisma().simulatedPod.count({ where: { ...podsOf, evictedAt: { not: null } } }),
      60_000,
      20,
    );
    // The successor starts now (tsx takes seconds to start), and claims once the first one's lease lapses.
    const successor = startWorker(env);
    await new Promise((r) => setTimeout(r, 300)); // well inside the 2 s before the next eviction lands
    first.signal("SIGKILL");
    expect(await getPrisma().simulatedPod.count({ where: { ...podsOf, evictedAt: { not: null } } })).toBe(1);
    await getPrisma().simulatedFault.deleteMany({ where: { poolId: pool } });
    expect(successor.child.exitCode).toBeNull();
    expect(await waitFor("the drain to finish", () => finalState(body.action.id))).toBe("succeeded");
    const evictions = (await providerCalls(pool, "evictPod")).map((c) => (c.args as { name: string }).name);
    // Two nodes, each with two model-server pods (DaemonSet pods are not evicted): one call each.
    expect(evictions).toHaveLength(4);
    expect(new Set(evictions).size).toBe(4);
    expect(await getPrisma().simulatedPod.count({ where: { ...podsOf, evictedAt: { not: null } } })).toBe(4);
  }, 120_000);
});
