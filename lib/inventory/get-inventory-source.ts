import "server-only";
import { getConfig } from "@/lib/config";
import { getPrisma } from "@/lib/db";
import { createAwsInventorySource } from "./aws/aws-inventory-source";
import { createSimulatedInventorySource } from "./simulated/simulated-inventory-source";
import type { InventorySource } from "./types";

/** The inventory source INVENTORY_SOURCE selects (by default the same as FLEET_PROVIDER). */
export function getInventorySource(): InventorySource {
  const config = getConfig();
  if (config.INVENTORY_SOURCE === "aws") return createAwsInventorySource({ configFile: config.FLEET_CONFIG_FILE });
  // Reservation dates in the simulated catalog are relative to when the fleet was first seeded.
  return createSimulatedInventorySource({
    anchor: async () =>
      (await getPrisma().pool.findFirst({ orderBy: { createdAt: "asc" }, select: { createdAt: true } }))?.createdAt ??
      null,
  });
}
