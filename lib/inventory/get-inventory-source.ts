import "server-only";
import { getConfig } from "@/lib/config";
import { getPrisma } from "@/lib/db";
import { createAwsInventorySource } from "./aws/aws-inventory-source";
import { createSimulatedInventorySource } from "./simulated/simulated-inventory-source";
import type { InventorySource } from "./types";
import { seedTimeFromReservationStart } from "@/lib/simulator/build-simulated-fleet";
import { SIMULATED_TRAINING_SCOPE } from "@/lib/simulator/training/seed-simulated-training";

/** The inventory source INVENTORY_SOURCE selects (by default the same as FLEET_PROVIDER). */
export function getInventorySource(): InventorySource {
  const config = getConfig();
  if (config.INVENTORY_SOURCE === "aws") return createAwsInventorySource({ configFile: config.FLEET_CONFIG_FILE });
  // Reservation dates in the simulated catalog are relative to when the fleet was first seeded, and
  // desired capacities are the simulated provider's (stored on the pool rows it changes).
  const prisma = getPrisma();
  return createSimulatedInventorySource({
    anchor: async () => {
      const first = await prisma.capacityReservation.findFirst({
        where: { inventoryScope: "simulated" },
        orderBy: { startAt: "asc" },
        select: { startAt: true },
      });
      return first ? seedTimeFromReservationStart(first.startAt) : null;
    },
    trainingBlocks: async () =>
      (
        await prisma.capacityReservation.findMany({
          where: { inventoryScope: SIMULATED_TRAINING_SCOPE },
          orderBy: { id: "asc" },
        })
      ).map((r) => ({
        id: r.id,
        scope: SIMULATED_TRAINING_SCOPE,
        instanceType: r.instanceType,
        region: r.region,
        availabilityZone: r.availabilityZone,
        totalInstanceCount: r.instanceCount,
        availableInstanceCount: r.availableInstanceCount,
        state: r.state,
        startAt: r.startAt,
        endAt: r.endAt,
        instanceMatchCriteria: "targeted",
        reservationType: "capacity-block",
        tags: {},
        poolId: r.poolId,
        usdPerInstanceHour: r.usdPerInstanceHour,
      })),
    capacities: async () =>
      new Map(
        (await prisma.pool.findMany({ select: { id: true, desiredCapacity: true } })).map((p) => [
          p.id,
          p.desiredCapacity,
        ]),
      ),
  });
}
