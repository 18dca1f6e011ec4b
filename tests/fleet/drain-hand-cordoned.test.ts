// A drain gives back only the nodes it made unschedulable: a node someone cordoned by hand before
// it (an SRE holding a suspect host) stays cordoned when the drain is cancelled, including after a
// worker died in the middle of the cordons.
import { describe, expect, it } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import type { FleetProvider } from "@/lib/fleet/provider";
import { createSimulatedFleetProvider } from "@/lib/fleet/providers/simulated/simulated-fleet-provider";
import { providerCalls, runUntilSettled } from "./action-helpers";
import {
  cancel,
  startDrain,
  stepsOf,
  tick,
  tickUntilStep,
  uncordonCalls,
  useSimulatedDrainFleet,
} from "./drain-helpers";

useSimulatedDrainFleet();

const cordonByHand = (pool: string, nodeName: string) =>
  getPrisma().simulatedInstance.updateMany({ where: { poolId: pool, nodeName }, data: { cordoned: true } });
const cordonedByNode = async (pool: string, nodes: string[]) =>
  Object.fromEntries(
    (
      await getPrisma().simulatedInstance.findMany({
        where: { poolId: pool, nodeName: { in: nodes } },
        select: { nodeName: true, cordoned: true },
      })
    ).map((i) => [i.nodeName, i.cordoned]),
  );
/**
 * The nodes select-instances chose, in the order cordon-nodes walks them. Read from the step, not
 * the preview: among instances launched at the same moment the two may pick differently.
 */
const nodeOrderOf = async (actionId: string) => {
  const step = (await stepsOf(actionId)).find((s) => s.name === "select-instances")!;
  return (step.detail as { instances: Array<{ nodeName: string }> }).instances.map((i) => i.nodeName);
};

describe("a drain that finds nodes already cordoned", () => {
  it("leaves a hand-cordoned node cordoned when cancelled, and gives back the one it cordoned", async () => {
    const pool = "rank-xl-ctr-usw2-r8g-a";
    const { actionId } = await startDrain(pool, 2);
    expect(await tick(actionId)).toBe("ran"); // select-instances
    const nodes = await nodeOrderOf(actionId);
    const [byHand, byDrain] = nodes as [string, string];
    await cordonByHand(pool, byHand);
    await tickUntilStep(actionId, "cordon-nodes", "succeeded");
    expect(await cordonedByNode(pool, nodes)).toEqual({ [byHand]: true, [byDrain]: true });

    await cancel(actionId);
    expect(await runUntilSettled(actionId)).toMatchObject({ state: "cancelled", error: null });

    expect(await cordonedByNode(pool, nodes)).toEqual({ [byHand]: true, [byDrain]: false });
    expect(await uncordonCalls(pool)).toEqual([byDrain]);
    const steps = await stepsOf(actionId);
    expect(steps.find((s) => s.name === "cordon-nodes")!.detail).toEqual({
      cordoned: [byDrain],
      alreadyCordoned: [byHand],
      gone: [],
    });
    expect(steps.find((s) => s.name === "uncordon-nodes")).toMatchObject({
      state: "succeeded",
      detail: { uncordoned: [byDrain], skipped: [], failed: [] },
    });
  });

  it("adds no uncordon step when every node it chose was already cordoned", async () => {
    const pool = "rank-xl-ctr-use1-r8g-b";
    const { actionId } = await startDrain(pool, 2);
    expect(await tick(actionId)).toBe("ran"); // select-instances
    const nodes = await nodeOrderOf(actionId);
    for (const node of nodes) await cordonByHand(pool, node);
    await tickUntilStep(actionId, "cordon-nodes", "succeeded");

    await cancel(actionId);
    expect(await runUntilSettled(actionId)).toMatchObject({ state: "cancelled", error: null });

    const steps = await stepsOf(actionId);
    expect(steps.map((s) => s.name)).not.toContain("uncordon-nodes");
    const detail = steps.find((s) => s.name === "cordon-nodes")!.detail;
    expect(detail).toEqual({ cordoned: [], alreadyCordoned: nodes, gone: [] });
    expect(await uncordonCalls(pool)).toEqual([]);
    expect(Object.values(await cordonedByNode(pool, nodes))).toEqual([true, true]);
  });

  it("still gives back the node whose cordon took effect just before the worker died", async () => {
    const pool = "atlas-1b-edge-usw2-c8g-a";
    const { actionId } = await startDrain(pool, 3);
    expect(await tick(actionId)).toBe("ran"); // select-instances
    const nodes = await nodeOrderOf(actionId);
    const [first, inFlight, byHand] = nodes as [string, string, string];
    await cordonByHand(pool, byHand);

    // The first worker cordons one node, then its second cordon takes effect and it hangs before
    // recording it (as if killed between the provider's answer and the next save).
    const real = createSimulatedFleetProvider();
    let calls = 0;
    const dying: FleetProvider = {
      ...real,
      cordonNode: async (p, node) => {
        const found = await real.cordonNode(p, node);
        return ++calls === 2 ? new Promise<never>(() => {}) : found;
      },
    };
    void tick(actionId, { workerId: "dying-worker", provider: dying });
    for (let i = 0; i < 100 && calls < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(2);
    const halfway = (await stepsOf(actionId)).find((s) => s.name === "cordon-nodes")!;
    expect(halfway).toMatchObject({
      state: "running",
      detail: { cordoned: [first], alreadyCordoned: [], cordoning: inFlight },
    });
    expect(await cordonedByNode(pool, [inFlight])).toEqual({ [inFlight]: true });

    // Its lease lapses; a successor finds the in-flight node unschedulable (the earlier call did it).
    await getPool().query(`UPDATE "PoolAction" SET "lockedUntil" = now() - interval '1 second' WHERE id = $1`, [
      actionId,
    ]);
    expect(await tick(actionId, { workerId: "successor" })).toBe("ran");
    const cordon = (await stepsOf(actionId)).find((s) => s.name === "cordon-nodes")!;
    expect(cordon).toMatchObject({
      state: "succeeded",
      attempts: 2,
      detail: { cordoned: [first, inFlight], alreadyCordoned: [byHand], gone: [] },
    });
    expect((await providerCalls(pool, "cordonNode")).map((c) => (c.args as { nodeName: string }).nodeName)).toEqual([
      first,
      inFlight,
      inFlight,
      byHand,
    ]);

    await cancel(actionId);
    expect(await runUntilSettled(actionId, { workerId: "successor" })).toMatchObject({
      state: "cancelled",
      error: null,
    });
    expect([...(await uncordonCalls(pool))].sort()).toEqual([first, inFlight].sort());
    expect(await cordonedByNode(pool, nodes)).toEqual({ [first]: false, [inFlight]: false, [byHand]: true });
  });
});
