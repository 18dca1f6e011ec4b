// A drain that ends cancelled or failed gives back the nodes it cordoned and did not remove: an
// uncordon-nodes step, run before the final state, resumed after a crash, never looping on errors.
import { describe, expect, it } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import type { FleetProvider } from "@/lib/fleet/provider";
import { ProviderError } from "@/lib/fleet/provider-error";
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

const cordonedOf = async (ids: string[]) =>
  (await getPrisma().simulatedInstance.findMany({ where: { id: { in: ids } }, select: { cordoned: true } })).map(
    (i) => i.cordoned,
  );

describe("a drain that stops after cordoning", () => {
  it("gives its nodes back when cancelled during a PDB-blocked eviction, then ends cancelled", async () => {
    const pool = "lumen-caption-3b-usw2-c7g-a";
    await getPrisma().simulatedFault.create({ data: { poolId: pool, kind: "eviction_stuck" } });
    const { actionId, chosen, nodes } = await startDrain(pool, 2);
    await tickUntilStep(actionId, "evict-pods", "running");
    expect(await cordonedOf(chosen)).toEqual([true, true]);

    await cancel(actionId);
    const done = await runUntilSettled(actionId);

    expect(done).toMatchObject({ state: "cancelled", error: null });
    expect(await cordonedOf(chosen)).toEqual([false, false]);
    expect((await uncordonCalls(pool)).sort()).toEqual(nodes);
    const steps = await stepsOf(actionId);
    expect(steps.map((s) => `${s.name}:${s.state}`)).toEqual([
      "select-instances:succeeded",
      "cordon-nodes:succeeded",
      "evict-pods:cancelled",
      "wait-for-pods:skipped",
      "terminate-instances:skipped",
      "wait-for-termination:skipped",
      "uncordon-nodes:succeeded",
    ]);
    const detail = steps[6]!.detail as { uncordoned: string[]; skipped: unknown[]; failed: unknown[] };
    expect({ ...detail, uncordoned: [...detail.uncordoned].sort() }).toEqual({
      uncordoned: nodes,
      skipped: [],
      failed: [],
    });
    expect(await providerCalls(pool, "terminateInstances")).toHaveLength(0);
    expect((await getPrisma().pool.findUniqueOrThrow({ where: { id: pool } })).state).toBe("active");
    expect(await tick(actionId)).toBe("idle");
  });

  it("gives its nodes back when the drain fails, keeping the failure and its message", async () => {
    const pool = "rerank-mini-usw2-c7g-a";
    await getPrisma().simulatedFault.create({ data: { poolId: pool, kind: "eviction_stuck" } });
    const { actionId, chosen, nodes } = await startDrain(pool, 2);
    await tickUntilStep(actionId, "evict-pods", "running");
    // Blocked for longer than the eviction timeout: the next attempt fails the drain.
    await getPool().query(
      `UPDATE "PoolActionStep" SET "startedAt" = now() - interval '16 minutes' WHERE "actionId" = $1 AND name = 'evict-pods'`,
      [actionId],
    );

    const done = await runUntilSettled(actionId);

    expect(done.state).toBe("failed");
    expect(done.error).toMatch(/^evict-pods: PodEvictionFailure: evictions still blocked after 15 minutes/);
    expect(await cordonedOf(chosen)).toEqual([false, false]);
    expect((await uncordonCalls(pool)).sort()).toEqual(nodes);
    const steps = await stepsOf(actionId);
    expect(steps.map((s) => `${s.name}:${s.state}`)).toEqual([
      "select-instances:succeeded",
      "cordon-nodes:succeeded",
      "evict-pods:failed",
      "wait-for-pods:skipped",
      "terminate-instances:skipped",
      "wait-for-termination:skipped",
      "uncordon-nodes:succeeded",
    ]);
  });

  it("adds no step and calls nothing when cancelled before it cordoned anything", async () => {
    const pool = "atlas-1b-edge-usw2-c8g-a";
    const { actionId, chosen } = await startDrain(pool, 2);
    expect(await tick(actionId)).toBe("ran"); // select-instances only
    await cancel(actionId);

    expect(await runUntilSettled(actionId)).toMatchObject({ state: "cancelled", error: null });
    expect((await stepsOf(actionId)).map((s) => s.name)).not.toContain("uncordon-nodes");
    expect(await providerCalls(pool)).toEqual([]);
    expect(await cordonedOf(chosen)).toEqual([false, false]);
  });

  it("skips the nodes of instances it already terminated", async () => {
    const pool = "rank-xl-ctr-usw2-r8g-a"; // EKS node group no other test in this file touches
    const { actionId, chosen, nodes } = await startDrain(pool, 2);
    await tickUntilStep(actionId, "terminate-instances", "succeeded");
    await cancel(actionId);

    expect(await runUntilSettled(actionId)).toMatchObject({ state: "cancelled" });
    expect(await uncordonCalls(pool)).toEqual([]);
    expect(await cordonedOf(chosen)).toEqual([true, true]);
    const uncordon = (await stepsOf(actionId)).find((s) => s.name === "uncordon-nodes")!;
    expect(uncordon.state).toBe("succeeded");
    const detail = uncordon.detail as { uncordoned: string[]; skipped: Array<{ node: string; reason: string }> };
    expect(detail.uncordoned).toEqual([]);
    expect(detail.skipped.map((s) => s.node).sort()).toEqual(nodes);
    expect(detail.skipped.every((s) => /no longer in the pool/.test(s.reason))).toBe(true);
  });

  it("resumes giving nodes back after the worker dies mid-step, without repeating a call", async () => {
    const pool = "rank-embed-v4-usw2-m7g-a";
    const { actionId, chosen, nodes } = await startDrain(pool, 3);
    await tickUntilStep(actionId, "cordon-nodes", "succeeded");
    await cancel(actionId);
    expect(await tick(actionId)).toBe("ran"); // adds uncordon-nodes

    // The first worker gives back one node, then hangs before its next call (as if killed).
    const real = createSimulatedFleetProvider();
    let calls = 0;
    const dying: FleetProvider = {
      ...real,
      uncordonNode: (p, node) => (++calls === 2 ? new Promise<never>(() => {}) : real.uncordonNode(p, node)),
    };
    void tick(actionId, { workerId: "dying-worker", provider: dying });
    for (let i = 0; i < 100 && calls < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(2);
    const halfway = (await stepsOf(actionId)).find((s) => s.name === "uncordon-nodes")!;
    expect(halfway).toMatchObject({ state: "running", detail: { uncordoned: [expect.any(String)] } });
    expect(await uncordonCalls(pool)).toHaveLength(1);

    // Its lease lapses; a successor finishes the step.
    await getPool().query(`UPDATE "PoolAction" SET "lockedUntil" = now() - interval '1 second' WHERE id = $1`, [
      actionId,
    ]);
    expect(await runUntilSettled(actionId, { workerId: "successor" })).toMatchObject({
      state: "cancelled",
      error: null,
    });

    const given = await uncordonCalls(pool);
    expect(given).toHaveLength(3);
    expect([...given].sort()).toEqual(nodes);
    expect(await cordonedOf(chosen)).toEqual([false, false, false]);
    const uncordon = (await stepsOf(actionId)).find((s) => s.name === "uncordon-nodes")!;
    expect(uncordon).toMatchObject({ state: "succeeded", attempts: 2 });
  });

  it("still ends, recording which nodes stay cordoned, when uncordoning fails", async () => {
    const pool = "guard-2b-safety-use2-c7g-a";
    const { actionId, chosen, nodes } = await startDrain(pool, 2);
    await tickUntilStep(actionId, "cordon-nodes", "succeeded");
    await cancel(actionId);
    const real = createSimulatedFleetProvider();
    const [refused] = nodes;
    const flaky: FleetProvider = {
      ...real,
      uncordonNode: (p, node) =>
        node === refused
          ? Promise.reject(new ProviderError("Forbidden", "nodes is forbidden"))
          : real.uncordonNode(p, node),
    };

    expect(await runUntilSettled(actionId, { provider: flaky, maxTicks: 5 })).toMatchObject({
      state: "cancelled",
      error: null,
    });
    const uncordon = (await stepsOf(actionId)).find((s) => s.name === "uncordon-nodes")!;
    expect(uncordon).toMatchObject({
      state: "failed",
      attempts: 1,
      detail: {
        uncordoned: [nodes[1]],
        failed: [{ node: refused, error: "Forbidden: nodes is forbidden" }],
        error: expect.stringMatching(/^UncordonFailed: 1 node\(s\) left cordoned/),
      },
    });
    const byNode = await getPrisma().simulatedInstance.findMany({
      where: { id: { in: chosen } },
      select: { nodeName: true, cordoned: true },
    });
    expect(Object.fromEntries(byNode.map((i) => [i.nodeName, i.cordoned]))).toEqual({
      [refused!]: true,
      [nodes[1]!]: false,
    });
    expect(await tick(actionId, { provider: flaky })).toBe("idle");
  });
});
