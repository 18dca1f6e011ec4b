import { beforeAll, describe, expect, it } from "vitest";
import * as previewRoute from "@/app/api/pools/[poolId]/actions/preview/route";
import { getPrisma } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { appRequest } from "../setup/auth";
import { useTestDatabase } from "../setup/test-database";

// A series of small drains is judged like one: the preview (and the request) counts the pool's drains
// of the last 24 h. Against the real database: which earlier actions count is the point.
useTestDatabase();
const POOL = "rerank-mini-use1-c7g-a"; // 32 in service, no reservation
beforeAll(async () => {
  await seedSimulatedFleet();
  const prisma = getPrisma();
  const drain = (n: number, state: "succeeded" | "cancelled" | "running", hoursAgo: number) =>
    prisma.poolAction.create({
      data: {
        poolId: POOL,
        kind: "drain",
        count: n,
        state,
        requestedBy: "demo-operator",
        reason: "earlier drain",
        idempotencyKey: `drain-window-${n}-${state}-${hoursAgo}`,
        requestHash: "0".repeat(64),
        preview: {},
        createdAt: new Date(Date.now() - hoursAgo * 3_600_000),
      },
    });
  await drain(6, "succeeded", 3); // counts
  await drain(4, "succeeded", 20); // counts
  await drain(50, "succeeded", 30); // outside the window
  await drain(9, "cancelled", 1); // asked for, not taken
});

describe("drains within the guardrail window", () => {
  it("adds the pool's earlier drains of the last 24 h to the share this one is judged on", async () => {
    const res = await previewRoute.POST(
      appRequest(`/api/pools/${POOL}/actions/preview`, {
        role: "operator",
        method: "POST",
        body: { kind: "drain", count: 2 },
      }),
      { params: Promise.resolve({ poolId: POOL }) },
    );
    expect(res.status).toBe(200);
    const { guardrails } = (await res.json()) as { guardrails: { approvalReasons: string[] } };
    // (6 + 4 + 2) / (32 + 10) = 28.6 %: above the 25 % approval threshold. Alone, 2 / 32 = 6 % would pass.
    expect(guardrails.approvalReasons).toEqual([
      "drains 29 % of the pool within 24 h (10 instance(s) by earlier drains) (above 25 %)",
    ]);
  });
});
