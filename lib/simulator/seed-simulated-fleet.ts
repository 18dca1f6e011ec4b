import "server-only";
import { getPrisma } from "@/lib/db";
import { SIM_INSTANCE_TYPES, SIM_MODELS, SIM_REGIONS, instanceTypeByName, regionByName } from "./catalog";
import { streamOf } from "./noise";
import { SIM_POOLS } from "./pools";
import { seedSimulatedInstances } from "@/lib/fleet/providers/simulated/seed-simulated-instances";

const DAY_MS = 86_400_000;

export const SIM_COMMITMENT_ID = "compute-commitment-2024-2031";

/** The catalog rows, with reservation dates relative to `now`. Pure: tests compare against it. */
export function buildSimulatedFleet(now: Date) {
  const day = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const prices = SIM_INSTANCE_TYPES.flatMap((t) =>
    SIM_REGIONS.map((r) => ({
      instanceType: t.name,
      region: r.name,
      onDemandUsdPerHour: Math.round(t.onDemandUsdPerHour * r.priceFactor * 10_000) / 10_000,
      reservedUsdPerHour: Math.round(t.reservedUsdPerHour * r.priceFactor * 10_000) / 10_000,
    })),
  );
  const reservations = SIM_POOLS.filter((p) => p.reservedInstances > 0).map((p) => ({
    id: `cr-${streamOf(p.id).toString(16).padStart(8, "0")}${streamOf(`${p.id}#2`).toString(16).padStart(9, "0")}`.slice(
      0,
      20,
    ),
    instanceType: p.instanceType,
    region: p.region,
    availabilityZone: p.availabilityZone,
    instanceCount: p.reservedInstances,
    startAt: new Date(day - 400 * DAY_MS),
    endAt: new Date(day + p.reservationEndsInDays * DAY_MS),
    usdPerInstanceHour: instanceTypeByName(p.instanceType).reservedUsdPerHour * regionByName(p.region).priceFactor,
    poolId: p.id,
  }));
  const commitment = {
    id: SIM_COMMITMENT_ID,
    name: "Reserved AI compute commitment 2024–2031",
    totalUsd: 420_000_000,
    startAt: new Date("2024-01-01T00:00:00Z"),
    endAt: new Date("2032-01-01T00:00:00Z"),
    // Billing before Fleet Console started tracking telemetry.
    priorSpendUsd: 96_500_000,
  };
  return { prices, reservations, commitment };
}

/** Writes the simulated catalog once. Returns false when the database already holds a fleet. */
export async function seedSimulatedFleet(opts: { now?: Date } = {}): Promise<boolean> {
  const prisma = getPrisma();
  if ((await prisma.pool.count()) > 0) return false;
  const at = opts.now ?? new Date();
  const { prices, reservations, commitment } = buildSimulatedFleet(at);
  await prisma.$transaction(
    async (tx) => {
      await tx.model.createMany({
        data: SIM_MODELS.map((m) => ({
          id: m.id,
          displayName: m.displayName,
          team: m.team,
          kind: m.kind,
          sloP95Ms: m.sloP95Ms,
          minServingInstances: m.minServingInstances,
        })),
      });
      await tx.pool.createMany({
        data: SIM_POOLS.map((p) => ({
          id: p.id,
          chipFamily: p.chipFamily,
          instanceType: p.instanceType,
          region: p.region,
          availabilityZone: p.availabilityZone,
          backingKind: p.backingKind,
          backingId: p.backingId,
          clusterName: p.clusterName,
          minCapacity: p.minCapacity,
          desiredCapacity: p.desiredCapacity,
          maxCapacity: p.maxCapacity,
        })),
      });
      await tx.poolModel.createMany({ data: SIM_POOLS.map((p) => ({ poolId: p.id, modelId: p.modelId })) });
      await tx.instancePrice.createMany({ data: prices });
      await tx.capacityReservation.createMany({ data: reservations });
      await tx.commitment.create({ data: commitment });
      await seedSimulatedInstances(tx, at);
    },
    { timeout: 60_000 },
  );
  return true;
}
