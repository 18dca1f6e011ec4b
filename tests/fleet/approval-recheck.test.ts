import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { approve, requestRiskyDrain } from "../security/pool-action-fixtures";
import { useTestDatabase } from "../setup/test-database";

// The guardrails are judged again when an admin approves: the fleet may have changed since the
// request. A re-check that fails stops the action with its reason instead of approving it.
useTestDatabase();
beforeAll(async () => {
  await seedSimulatedFleet();
});

describe("approval re-checks the guardrails", () => {
  it("approves while they still hold", async () => {
    const action = await requestRiskyDrain({ poolId: "rank-xl-ctr-use2-r8g-a", count: 12 }); // 40 in service
    const res = await approve({ actionId: action.id, paramsHash: action.requestHash });
    expect(res.status).toBe(200);
  });

  it("stops the action when the pool's minimum was raised meanwhile (a hard limit now)", async () => {
    const poolId = "rank-xl-ctr-use1-r8g-b"; // 60 in service; draining 18 leaves 42
    const action = await requestRiskyDrain({ poolId, count: 18 });
    await getPrisma().pool.update({ where: { id: poolId }, data: { minCapacity: 50 } });
    const res = await approve({ actionId: action.id, paramsHash: action.requestHash });
    expect(res.status).toBe(409);
    expect((res.body as { error: { message: string } }).error.message).toContain(
      "guardrails re-checked at approval: would take the pool to 42 instances, below its minimum of 50",
    );
    const stored = await getPrisma().poolAction.findUniqueOrThrow({ where: { id: action.id } });
    expect(stored.state).toBe("failed");
    expect(stored.error).toBe(
      "guardrails re-checked at approval: would take the pool to 42 instances, below its minimum of 50",
    );
    const stop = await getPrisma().auditEvent.findFirstOrThrow({ where: { poolId, action: "action.failed" } });
    expect(stop).toMatchObject({ actor: "fleet-worker", outcome: "failed", message: stored.error });
    // The refused approval itself is audited by the route frame, with the reason.
    const refused = await getPrisma().auditEvent.findFirstOrThrow({
      where: { action: "action.approve", outcome: "refused" },
      orderBy: { id: "desc" },
    });
    expect(refused.actor).toBe("demo-admin");
    expect(refused.message).toContain("below its minimum of 50");
  });
});
