import { beforeAll, describe, expect, it } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { useTestDatabase } from "../setup/test-database";
import { providerCalls, requestAction } from "./action-helpers";
import { cancel } from "./drain-helpers";
import { finalState, stepOf, useWorkerProcesses, waitFor } from "./worker-processes";

// A worker paused (SIGSTOP) past its lease while a provider call is in flight, a successor that
// takes the action over, then the paused worker resumed (SIGCONT): it must make no further effect
// and leave its successor's records as they are.
const db = useTestDatabase();
const startWorker = useWorkerProcesses(db);
beforeAll(async () => {
  await seedSimulatedFleet();
});

const leaseLapsed = async (actionId: string) => {
  const { rows } = await getPool().query<{ lapsed: boolean }>(
    `SELECT "lockedUntil" < now() AS lapsed FROM "PoolAction" WHERE id = $1`,
    [actionId],
  );
  return rows[0]?.lapsed === true;
};

describe("a worker paused past its lease", () => {
  it("wakes fenced out: no further call, and a cancel still gives back every node the drain cordoned", async () => {
    const pool = "atlas-1b-edge-usw2-c8g-a"; // EKS node group, 40 instances, no reservation
    const { body } = await requestAction(pool, { kind: "drain", count: 2 });
    const actionId: string = body.action.id;
    const chosen: string[] = body.action.preview.drain.instances.map((i: { instanceId: string }) => i.instanceId);
    const nodes = (
      await getPrisma().simulatedInstance.findMany({ where: { id: { in: chosen } }, select: { nodeName: true } })
    )
      .map((r) => r.nodeName)
      .sort();
    // Change calls take 2 s to reach the API; PDBs refuse evictions long enough for the drain to be cancelled.
    await getPrisma().simulatedFault.create({ data: { poolId: pool, kind: "slow_calls" } });
    const env = { SIM_PDB_BLOCK_SECONDS: "600", WORKER_LEASE_SECONDS: "2" };

    const paused = startWorker({ ...env, WORKER_ID: "worker-paused" });
    await waitFor(
      "the first cordon call to be in flight",
      async () => ((await stepOf(actionId, "cordon-nodes")).detail as { cordoning?: string } | null)?.cordoning,
      60_000,
      20,
    );
    paused.signal("SIGSTOP");
    expect(await providerCalls(pool, "cordonNode")).toHaveLength(0);
    await waitFor("the paused worker's lease to lapse", () => leaseLapsed(actionId));

    startWorker({ ...env, WORKER_ID: "worker-successor" });
    await waitFor(
      "the successor to cordon both nodes",
      async () => (await stepOf(actionId, "cordon-nodes")).state === "succeeded",
    );
    await getPrisma().simulatedFault.deleteMany({ where: { poolId: pool } });
    const successorRecord = (await stepOf(actionId, "cordon-nodes")).detail;
    expect([...((successorRecord as { cordoned?: string[] }).cordoned ?? [])].sort()).toEqual(nodes);

    paused.signal("SIGCONT");
    // Its call in flight lands (a no-op: the node is already cordoned); then it must stop.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await providerCalls(pool, "cordonNode")).toHaveLength(3);
    expect((await stepOf(actionId, "cordon-nodes")).detail).toEqual(successorRecord);

    await cancel(actionId);
    await getPool().query(`UPDATE "PoolAction" SET "nextRunAt" = now() WHERE id = $1`, [actionId]);
    expect(await waitFor("the drain to end", () => finalState(actionId))).toBe("cancelled");
    const left = await getPrisma().simulatedInstance.findMany({
      where: { id: { in: chosen } },
      select: { cordoned: true, state: true },
    });
    expect(left).toEqual([
      { cordoned: false, state: "running" },
      { cordoned: false, state: "running" },
    ]);
    expect((await getPrisma().pool.findUniqueOrThrow({ where: { id: pool } })).desiredCapacity).toBe(40);
  }, 120_000);
});
