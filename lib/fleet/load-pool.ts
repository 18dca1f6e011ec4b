import "server-only";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZPoolIdParam } from "./pool-id-param";
import type { PoolTarget } from "./provider";

/** A pool with what pool operations need; 404 when it does not exist. */
export async function loadPool(poolId: string) {
  // Ids come from URLs: anything but a slug (e.g. a NUL byte, which PostgreSQL rejects) is simply not a pool.
  if (!ZPoolIdParam.safeParse(poolId).success)
    throw new AppError("NOT_FOUND", "no such pool (pool ids are lowercase slugs)");
  const pool = await getPrisma().pool.findUnique({
    where: { id: poolId },
    include: {
      models: {
        select: { model: { select: { id: true, displayName: true, sloP95Ms: true, minServingInstances: true } } },
      },
    },
  });
  if (!pool) throw new AppError("NOT_FOUND", `no pool ${poolId.slice(0, 100)}`);
  return pool;
}

/** A retired pool is gone from its source (the inventory sync found it no more): nothing to launch into or drain. */
export function assertPoolNotRetired(pool: { id: string; retiredAt: Date | null }): void {
  if (pool.retiredAt)
    throw new AppError(
      "CONFLICT",
      `pool ${pool.id} was retired on ${pool.retiredAt.toISOString().slice(0, 16).replace("T", " ")} UTC: its source no longer reports it`,
    );
}

export function toPoolTarget(pool: {
  id: string;
  region: string;
  backingKind: PoolTarget["backingKind"];
  backingId: string;
  clusterName: string | null;
  instanceType: string;
}): PoolTarget {
  return {
    poolId: pool.id,
    region: pool.region,
    backingKind: pool.backingKind,
    backingId: pool.backingId,
    clusterName: pool.clusterName,
    instanceType: pool.instanceType,
  };
}
