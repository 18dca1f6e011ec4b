import "server-only";
import { getPrisma } from "@/lib/db";
import type { SeriesRef } from "./types";

/** Every telemetry series (pool × model) with what a source needs to read it. */
export async function listSeries(): Promise<SeriesRef[]> {
  const rows = await getPrisma().poolModel.findMany({
    select: {
      id: true,
      modelId: true,
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
  return rows.map((r) => ({
    seriesId: r.id,
    poolId: r.pool.id,
    modelId: r.modelId,
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
