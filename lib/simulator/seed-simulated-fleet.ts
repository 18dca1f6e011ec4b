import "server-only";
import { getPrisma } from "@/lib/db";
import { createSimulatedInventorySource } from "@/lib/inventory/simulated/simulated-inventory-source";
import { syncInventory } from "@/lib/inventory/sync/sync-inventory";
import { seedSimulatedInstances } from "@/lib/fleet/providers/simulated/seed-simulated-instances";

/**
 * Fills an empty database with the simulated fleet: one inventory sync from the simulated source
 * (the same diff, audit rows and scope state as an AWS sync), then the simulated provider's
 * instances. Returns false when the database already holds a fleet.
 */
export async function seedSimulatedFleet(opts: { now?: Date } = {}): Promise<boolean> {
  const prisma = getPrisma();
  if ((await prisma.pool.count()) > 0) return false;
  const at = opts.now ?? new Date();
  const result = await syncInventory({ source: createSimulatedInventorySource(), trigger: "start", now: at });
  if (result.error) throw new Error(`simulated inventory sync failed: ${result.error}`);
  await prisma.$transaction((tx) => seedSimulatedInstances(tx, at), { timeout: 60_000 });
  return true;
}
