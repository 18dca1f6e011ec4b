import "server-only";
import { getPrisma } from "@/lib/db";
import type { SeriesRef } from "./types";

/**
 * Every telemetry series (pool × model) with what a source needs to read it. Retired pools are
 * not read (they no longer exist), nor pools without a price: spend is computed as minutes are
 * written and is never invented, so such a pool waits (listed as a problem on the Inventory page).
 */
export async function listSeries(): Promise<SeriesRef[]> {
  const prisma = getPrisma();
  const prices = await prisma.instancePrice.findMany({ select: { instanceType: true, region: true } });
  const priced = new Set(prices.map((p) => `${p.instanceType}|${p.region}`));
  const all = await prisma.poolModel.findMany({
    where: { pool: { retiredAt: null } },
    select: {
      id: true,
      modelId: true,
      model: { select: { cloudwatchDimension: true } },
      pool: {
        select: {
          id: true,
          region: true,
          availabilityZone: true,
          instanceType: true,
          chipFamily: true,
          backingKind: true,
          backingId: true,
          clusterName: true,
          desiredCapacity: true,
        },
      },
    },
    orderBy: { id: "asc" },
  });
  const rows = all.filter((r) => priced.has(`${r.pool.instanceType}|${r.pool.region}`));
  return rows.map((r) => ({
    seriesId: r.id,
    poolId: r.pool.id,
    modelId: r.modelId,
    ...(r.model.cloudwatchDimension ? { modelMetricValue: r.model.cloudwatchDimension } : {}),
    region: r.pool.region,
    availabilityZone: r.pool.availabilityZone,
    instanceType: r.pool.instanceType,
    chipFamily: r.pool.chipFamily,
    backingKind: r.pool.backingKind,
    backingId: r.pool.backingId,
    clusterName: r.pool.clusterName,
    desiredCapacity: r.pool.desiredCapacity,
  }));
}
