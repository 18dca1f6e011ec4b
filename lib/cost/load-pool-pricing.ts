import "server-only";
import { getPrisma } from "@/lib/db";
import type { PoolPricing } from "./pool-minute-cost";

/** Prices and targeted reservations for the given pools, keyed by pool id. */
export async function loadPoolPricing(poolIds: string[]): Promise<Map<string, PoolPricing>> {
  const prisma = getPrisma();
  const pools = await prisma.pool.findMany({
    where: { id: { in: poolIds } },
    select: {
      id: true,
      instanceType: true,
      region: true,
      reservations: { select: { startAt: true, endAt: true, instanceCount: true, usdPerInstanceHour: true } },
    },
  });
  const prices = await prisma.instancePrice.findMany({
    where: { instanceType: { in: [...new Set(pools.map((p) => p.instanceType))] } },
  });
  const priceOf = new Map(prices.map((p) => [`${p.instanceType}|${p.region}`, p.onDemandUsdPerHour]));
  const result = new Map<string, PoolPricing>();
  for (const pool of pools) {
    const onDemand = priceOf.get(`${pool.instanceType}|${pool.region}`);
    // A pool without a catalog price would silently cost $0: refuse instead.
    if (onDemand === undefined)
      throw new Error(`no price for ${pool.instanceType} in ${pool.region} (pool ${pool.id})`);
    result.set(pool.id, { onDemandUsdPerHour: onDemand, reservations: pool.reservations });
  }
  return result;
}
