import { describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { runInventorySync } from "@/lib/inventory/run-inventory-sync";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { SIM_POOLS } from "@/lib/simulator/pools";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

describe("syncing the simulated fleet again (an admin's sync now)", () => {
  it("keeps what the simulated provider changed and the seed's reservation dates: nothing to change", async () => {
    const prisma = getPrisma();
    // Seeded days ago, at a time that is not today: reservation dates are relative to it.
    expect(await seedSimulatedFleet({ now: new Date("2026-11-20T12:00:30Z") })).toBe(true);
    const poolId = SIM_POOLS[0]!.id;
    await prisma.pool.update({ where: { id: poolId }, data: { desiredCapacity: 99 } }); // a launch
    const handMade = await prisma.pool.create({
      data: {
        id: "hand-made-pool",
        chipFamily: "graviton",
        instanceType: "c7g.16xlarge",
        region: "us-east-1",
        availabilityZone: "us-east-1a",
        backingKind: "asg",
        backingId: "asg-hand-made",
        minCapacity: 1,
        desiredCapacity: 1,
        maxCapacity: 2,
      },
    });

    const result = await runInventorySync("schedule");
    expect(result?.error).toBeNull();
    expect(result?.changes).toEqual([]);
    expect((await prisma.pool.findUniqueOrThrow({ where: { id: poolId } })).desiredCapacity).toBe(99);
    // A pool no sync made is not the sync's to retire.
    expect((await prisma.pool.findUniqueOrThrow({ where: { id: handMade.id } })).retiredAt).toBeNull();
  });
});
