import "server-only";
import { getConfig } from "@/lib/config";
import { loadFleetConfig } from "@/lib/inventory/fleet-config/load-fleet-config";

/**
 * Refuses to start a server whose inventory cannot be read: INVENTORY_SOURCE=aws without a fleet
 * config file, or with one that does not parse (the error names file, line and field).
 */
export async function checkInventoryConfig(): Promise<void> {
  const config = getConfig();
  if (config.INVENTORY_SOURCE !== "aws") return;
  if (!config.FLEET_CONFIG_FILE)
    throw new Error("INVENTORY_SOURCE=aws needs FLEET_CONFIG_FILE (see deploy/fleet-config.example.yaml)");
  await loadFleetConfig({ path: config.FLEET_CONFIG_FILE });
}
