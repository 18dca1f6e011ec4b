import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { useTestDatabase } from "../setup/test-database";
import { requestAction } from "./action-helpers";

useTestDatabase();
beforeAll(async () => {
  await seedSimulatedFleet();
});

describe("a retry racing its original", () => {
  it("gets the replay of the one action, never a 409 for the pool's active action", async () => {
    const pool = "rank-embed-v4-usw2-m7g-a";
    const key = "race-replay-0001";
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => requestAction(pool, { kind: "drain", count: 1 }, { key })),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    const ids = new Set(responses.map((r) => r.body.action.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.body.replayed === false)).toHaveLength(1);
    expect(responses.filter((r) => r.body.replayed === true)).toHaveLength(7);
    const actions = await getPrisma().poolAction.findMany({ where: { poolId: pool }, select: { id: true } });
    expect(actions.map((a) => a.id)).toEqual([...ids]);
  });
});
