import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { useTestDatabase } from "../setup/test-database";
import { requestAction } from "./action-helpers";

// Idempotency keys are each user's own (issue 18): another user sending the same key must not get
// the first user's action back, and a replay is audited.
useTestDatabase();
beforeAll(async () => {
  await seedSimulatedFleet();
});

describe("Idempotency-Key scope", () => {
  const pool = "rerank-mini-usw2-c7g-a"; // 24 in service, no reservation
  const key = "shared-key-0001";

  it("another user's key is refused with a 409 that does not name the action", async () => {
    const first = await requestAction(pool, { kind: "drain", count: 1 }, { key });
    expect(first.status).toBe(201);
    const other = await requestAction(pool, { kind: "drain", count: 1 }, { key, role: "admin" });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toBe(`Idempotency-Key ${key} is another user's: send a key of your own`);
    expect(JSON.stringify(other.body)).not.toContain(first.body.action.id);
  });

  it("the same user's replay returns the first action and is audited as a replay", async () => {
    const again = await requestAction(pool, { kind: "drain", count: 1 }, { key });
    expect(again.status).toBe(201); // answered as the first time
    expect(again.body.replayed).toBe(true);
    const rows = await getPrisma().auditEvent.findMany({
      where: { poolId: pool, action: "pool.drain", actor: "demo-operator" },
      orderBy: { id: "asc" },
      select: { message: true, outcome: true },
    });
    expect(rows).toEqual([
      { message: "requested", outcome: "succeeded" },
      { message: "replayed: same Idempotency-Key and request, no new action", outcome: "succeeded" },
    ]);
  });
});
