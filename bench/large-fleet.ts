// The benchmark's fleets: at 250 series, 60 models (the 12 catalog profiles × 5 variants), 250 pools
// and 5,000 instances across the three simulated regions, seeded into its own database; other sizes
// scale all three together (a pool is one series; 20 instances per pool, a model per ~4 pools).
import type { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db";
import { nodeNameFor, seededInstanceId } from "@/lib/fleet/providers/simulated/simulated-ids";
import { SIM_INSTANCE_TYPES, SIM_MODELS, SIM_REGIONS, instanceTypeByName } from "@/lib/simulator/catalog";
import { SIM_POOLS, type SimPool } from "@/lib/simulator/pools";

export type BenchShape = { models: number; pools: number; instances: number };
export const benchShape = (series: number): BenchShape => ({
  models: Math.round((series * 60) / 250),
  pools: series,
  instances: series * 20,
});
export const BENCH_SHAPE = benchShape(250);

export function buildLargeFleet(size: BenchShape = BENCH_SHAPE): {
  models: Array<(typeof SIM_MODELS)[number] & { profile: string }>;
  pools: SimPool[];
} {
  const models = Array.from({ length: size.models }, (_, i) => {
    const base = SIM_MODELS[i % SIM_MODELS.length]!;
    return {
      ...base,
      id: `${base.id}-v${Math.floor(i / SIM_MODELS.length) + 1}`,
      displayName: `${base.displayName} v${Math.floor(i / SIM_MODELS.length) + 1}`,
      profile: base.id,
    };
  });
  // Reuse the catalog pools' shapes (instance type, backing, utilization) round-robin; 20 instances each.
  const pools: SimPool[] = Array.from({ length: size.pools }, (_, i) => {
    const model = models[i % models.length]!;
    const shape =
      SIM_POOLS.find((p) => p.modelId === model.profile && SIM_POOLS.indexOf(p) % 2 === i % 2) ??
      SIM_POOLS.find((p) => p.modelId === model.profile)!;
    const region = SIM_REGIONS[i % SIM_REGIONS.length]!;
    const id = `${model.id}-${region.short}-${i}`;
    const desired = size.instances / size.pools;
    return {
      ...shape,
      id,
      modelId: model.id,
      profileModelId: model.profile,
      region: region.name,
      availabilityZone: `${region.name}a`,
      backingId: `bench-${id}`,
      clusterName: shape.clusterName ? `inference-${region.short}` : null,
      minCapacity: 5,
      desiredCapacity: desired,
      maxCapacity: desired * 2,
      reservedInstances: shape.reservedInstances > 0 ? Math.round(desired * 0.9) : 0,
      flatDemand: false,
      peakUtil: Math.min(0.8, shape.peakUtil),
    };
  });
  return { models, pools };
}

export async function seedLargeFleet(now: Date, size: BenchShape = BENCH_SHAPE): Promise<{ pools: SimPool[] }> {
  const { models, pools } = buildLargeFleet(size);
  const since = new Date(now.getTime() - 400 * 86400_000);
  const instances: Prisma.SimulatedInstanceCreateManyInput[] = pools.flatMap((p) =>
    Array.from({ length: p.desiredCapacity }, (_, k) => {
      const id = seededInstanceId(p.id, k);
      return {
        id,
        poolId: p.id,
        nodeName: nodeNameFor(id, p.region),
        state: "running",
        launchedAt: since,
        readyAt: since,
      };
    }),
  );
  const prisma = getPrisma();
  await prisma.$transaction(
    async (tx) => {
      await tx.model.createMany({
        data: models.map((m) => ({
          id: m.id,
          displayName: m.displayName,
          team: m.team,
          kind: m.kind,
          sloP95Ms: m.sloP95Ms,
          minServingInstances: 5,
        })),
      });
      await tx.pool.createMany({
        data: pools.map((p) => ({
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
      await tx.poolModel.createMany({ data: pools.map((p) => ({ poolId: p.id, modelId: p.modelId })) });
      await tx.instancePrice.createMany({
        data: SIM_INSTANCE_TYPES.flatMap((t) =>
          SIM_REGIONS.map((r) => ({
            instanceType: t.name,
            region: r.name,
            onDemandUsdPerHour: t.onDemandUsdPerHour * r.priceFactor,
            reservedUsdPerHour: t.reservedUsdPerHour * r.priceFactor,
          })),
        ),
      });
      await tx.capacityReservation.createMany({
        data: pools
          .filter((p) => p.reservedInstances > 0)
          .map((p, i) => ({
            id: `cr-bench${String(i).padStart(12, "0")}`,
            instanceType: p.instanceType,
            region: p.region,
            availabilityZone: p.availabilityZone,
            instanceCount: p.reservedInstances,
            startAt: since,
            endAt: new Date(now.getTime() + 200 * 86400_000),
            usdPerInstanceHour: instanceTypeByName(p.instanceType).reservedUsdPerHour,
            poolId: p.id,
          })),
      });
      await tx.commitment.create({
        data: {
          id: "bench-commitment",
          name: "Benchmark commitment",
          totalUsd: 2_000_000_000,
          startAt: new Date("2024-01-01T00:00:00Z"),
          endAt: new Date("2032-01-01T00:00:00Z"),
          priorSpendUsd: 5e8,
        },
      });
      await tx.simulatedInstance.createMany({ data: instances });
    },
    { timeout: 120_000 },
  );
  return { pools };
}
