// A drain names the instances and nodes it chose and each one's state, from what its steps store;
// after a cancel, the steps that never ran read "skipped".
import { describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { toPoolActionDto } from "@/lib/fleet/actions/get-pool-action";
import { describeDrainState, drainInstanceProgress } from "@/lib/fleet/actions/drain-progress";
import { requestAction } from "./action-helpers";
import { cancel, startDrain, stepsOf, tick, useSimulatedDrainFleet } from "./drain-helpers";

useSimulatedDrainFleet();

const progressOf = async (actionId: string) => {
  const row = await getPrisma().poolAction.findUniqueOrThrow({
    where: { id: actionId },
    include: { steps: { orderBy: { seq: "asc" } }, approvals: true },
  });
  return drainInstanceProgress(toPoolActionDto(row).steps).map((p) => [p.nodeName, describeDrainState(p.state)]);
};

describe("drain progress per instance", () => {
  it("goes chosen → cordoned → evicting 2 pods → pods gone → terminating → terminated, node by node", async () => {
    const pool = "rerank-mini-usw2-c7g-a"; // EKS node group, 24 instances, 2 PDB-protected pods per node
    const { actionId, chosen } = await startDrain(pool, 2);
    const rows = await getPrisma().simulatedInstance.findMany({ where: { id: { in: chosen } } });
    // In the order the preview chose them (newest first, then by id): the worker chooses the same.
    const nodes = chosen.map((id) => rows.find((r) => r.id === id)!.nodeName);

    await tick(actionId); // select-instances
    expect(await progressOf(actionId)).toEqual(nodes.map((n) => [n, "chosen"]));
    await tick(actionId); // cordon-nodes
    expect(await progressOf(actionId)).toEqual(nodes.map((n) => [n, "cordoned"]));
    await tick(actionId); // evict-pods: each node listed 2 serving pods (and a DaemonSet pod, not counted)
    const evict = (await stepsOf(actionId)).find((s) => s.name === "evict-pods")!;
    expect(evict.state).toBe("succeeded");
    expect(evict.detail).toMatchObject({ nodes: nodes.map((node) => ({ node, pods: 2, blocked: 0 })) });
    expect(await progressOf(actionId)).toEqual(nodes.map((n) => [n, "evicting 2 pods"]));
    await tick(actionId); // wait-for-pods
    expect((await stepsOf(actionId)).find((s) => s.name === "wait-for-pods")!.detail).toEqual({
      remaining: [],
      nodes: nodes.map((node) => ({ node, remaining: 0 })),
    });
    expect(await progressOf(actionId)).toEqual(nodes.map((n) => [n, "pods gone"]));
    await tick(actionId); // terminate-instances
    expect(await progressOf(actionId)).toEqual(nodes.map((n) => [n, "terminating"]));
    await tick(actionId); // wait-for-termination
    expect(await progressOf(actionId)).toEqual(nodes.map((n) => [n, "terminated"]));
  });

  it("marks the steps a cancelled drain never ran as skipped", async () => {
    const { actionId } = await startDrain("guard-2b-safety-usw2-c7g-a", 2);
    await tick(actionId); // select-instances only
    await cancel(actionId);
    for (let i = 0; i < 3; i++) await tick(actionId);
    const action = await getPrisma().poolAction.findUniqueOrThrow({ where: { id: actionId } });
    expect(action.state).toBe("cancelled");
    expect((await stepsOf(actionId)).map((s) => [s.name, s.state])).toEqual([
      ["select-instances", "succeeded"],
      ["cordon-nodes", "skipped"],
      ["evict-pods", "skipped"],
      ["wait-for-pods", "skipped"],
      ["terminate-instances", "skipped"],
      ["wait-for-termination", "skipped"],
    ]);
  });

  it("marks every step skipped when the action is cancelled before it starts", async () => {
    const { body } = await requestAction("helios-405b-use2-trn2-a", { kind: "launch", count: 1 });
    const dto = await cancel(body.action.id);
    expect(dto.state).toBe("cancelled");
    expect(dto.steps.map((s) => s.state)).toEqual(["skipped", "skipped"]);
  });

  it("skips a cancelled drain's remaining steps, and still gives the nodes it cordoned back", async () => {
    const pool = "lumen-caption-3b-usw2-c7g-a";
    const { actionId } = await startDrain(pool, 1);
    await tick(actionId); // select-instances
    await tick(actionId); // cordon-nodes
    await cancel(actionId);
    for (let i = 0; i < 4; i++) await tick(actionId);
    const steps = await stepsOf(actionId);
    expect(steps.map((s) => [s.name, s.state])).toEqual([
      ["select-instances", "succeeded"],
      ["cordon-nodes", "succeeded"],
      ["evict-pods", "skipped"],
      ["wait-for-pods", "skipped"],
      ["terminate-instances", "skipped"],
      ["wait-for-termination", "skipped"],
      ["uncordon-nodes", "succeeded"],
    ]);
    expect(await progressOf(actionId)).toEqual([[expect.any(String), "given back (uncordoned)"]]);
  });
});
