import { describe, expect, it } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import type { FleetProvider } from "@/lib/fleet/provider";
import { createSimulatedFleetProvider } from "@/lib/fleet/providers/simulated/simulated-fleet-provider";
import { runUntilSettled, providerCalls } from "./action-helpers";
import { startDrain, stepsOf, tick, tickUntilStep, useSimulatedDrainFleet } from "./drain-helpers";

// Faults inside a step, in-process: a dropped connection is retried rather than failing the
// drain, and a worker whose lease was taken over mid-step stops without another call or write.
useSimulatedDrainFleet();

const actionOf = (id: string) => getPrisma().poolAction.findUniqueOrThrow({ where: { id } });
const stepOf = async (actionId: string, name: string) =>
  getPrisma().poolActionStep.findFirstOrThrow({ where: { actionId, name } });

describe("a connection reset inside a step", () => {
  it("is retried with backoff, and the drain succeeds after its pods were evicted", async () => {
    const pool = "atlas-1b-edge-usw2-c8g-a";
    const { actionId, chosen } = await startDrain(pool, 2);
    await tickUntilStep(actionId, "wait-for-pods", "succeeded");
    // The terminate call fails once with ECONNRESET before it reaches the (simulated) API.
    await getPrisma().simulatedFault.create({ data: { poolId: pool, kind: "connection_reset" } });

    await tick(actionId);
    const action = await actionOf(actionId);
    expect(action.state).toBe("running");
    expect(action.error).toBeNull();
    expect(action.lockedBy).toBeNull();
    expect(action.nextRunAt.getTime()).toBeGreaterThan(Date.now()); // backoff, not at once
    const terminate = await stepOf(actionId, "terminate-instances");
    expect(terminate.state).not.toBe("failed");
    expect(terminate.detail).toMatchObject({ transient: { failures: 1, lastError: "read ECONNRESET" } });
    expect(await getPrisma().simulatedInstance.count({ where: { poolId: pool, state: "terminated" } })).toBe(0);

    const settled = await runUntilSettled(actionId);
    expect(settled.state).toBe("succeeded");
    expect((await stepsOf(actionId)).map((s) => s.name)).not.toContain("uncordon-nodes");
    expect((await providerCalls(pool, "terminateInstances")).length).toBe(1);
    const terminated = await getPrisma().simulatedInstance.findMany({
      where: { poolId: pool, state: "terminated" },
      select: { id: true },
    });
    expect(terminated.map((t) => t.id).sort()).toEqual([...chosen].sort());
  });

  it("fails the action for good on a permanent error, with the reason", async () => {
    const pool = "rank-xl-ctr-usw2-r8g-a";
    const { actionId } = await startDrain(pool, 1);
    await tickUntilStep(actionId, "select-instances", "succeeded");
    const refusing: FleetProvider = {
      ...createSimulatedFleetProvider(),
      cordonNode: async () => {
        throw Object.assign(new Error("nodes is forbidden"), { code: 403 });
      },
    };
    await runUntilSettled(actionId, { provider: refusing });
    const action = await actionOf(actionId);
    expect(action.state).toBe("failed");
    expect(action.error).toBe("cordon-nodes: nodes is forbidden");
  });
});

describe("a worker whose lease was taken over mid-step", () => {
  it("makes no further provider call and leaves the successor's records as they are", async () => {
    const pool = "rerank-mini-usw2-c7g-a";
    const { actionId, nodes } = await startDrain(pool, 2);
    await tickUntilStep(actionId, "select-instances", "succeeded");
    const simulated = createSimulatedFleetProvider();
    // Right after the first cordon, a successor claims the action (as after this worker hung past its lease).
    const stalled: FleetProvider = {
      ...simulated,
      cordonNode: async (target, node) => {
        const found = await simulated.cordonNode(target, node);
        await getPool().query(
          `UPDATE "PoolAction" SET "lockedBy" = 'successor', "leaseEpoch" = "leaseEpoch" + 1,
             "lockedUntil" = now() + interval '60 seconds' WHERE id = $1`,
          [actionId],
        );
        return found;
      },
    };
    const before = await stepOf(actionId, "cordon-nodes");

    await tick(actionId, { provider: stalled });

    expect((await providerCalls(pool, "cordonNode")).length).toBe(1);
    const cordon = await stepOf(actionId, "cordon-nodes");
    // Only what it saved while it held the lease: the node named before its one call.
    expect(cordon.detail).toEqual({ cordoned: [], alreadyCordoned: [], gone: [], cordoning: nodes[0] });
    expect(cordon.state).toBe("running");
    expect(cordon.attempts).toBe(before.attempts + 1);
    const action = await actionOf(actionId);
    expect(action.lockedBy).toBe("successor");
    expect(action.state).toBe("running");
    expect(action.error).toBeNull();
  });
});
