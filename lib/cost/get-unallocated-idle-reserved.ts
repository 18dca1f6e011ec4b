import "server-only";
import { getPrisma } from "@/lib/db";
import { usd } from "@/lib/money/usd";
import type { TUnallocatedIdleReserved } from "@/lib/read-model/unallocated-idle-dto";
import { unallocatedIdleReserved } from "./allocate-idle-reserved";

/**
 * Unallocated idle reserved dollars over [from, to), from the reservation rows. Which pools serve a
 * model: `poolsWithModels` when the caller reads a past fleet (a FleetSnapshot), else today's links.
 */
export async function getUnallocatedIdleReserved(args: {
  from: Date;
  to: Date;
  poolsWithModels?: ReadonlySet<string>;
}): Promise<TUnallocatedIdleReserved> {
  const prisma = getPrisma();
  const [reservations, links] = await Promise.all([
    prisma.capacityReservation.findMany({
      // A Capacity Block serving no pool is training capacity: /training accounts its idle
      // block-hours (lib/training/build-block-row.ts), so serving's idle figure does not count it too.
      where: {
        startAt: { lt: args.to },
        OR: [{ endAt: null }, { endAt: { gt: args.from } }],
        NOT: { reservationType: "capacity-block", poolId: null },
      },
      select: {
        poolId: true,
        instanceCount: true,
        usdPerInstanceHour: true,
        startAt: true,
        endAt: true,
        retiredAt: true,
      },
    }),
    args.poolsWithModels
      ? Promise.resolve([...args.poolsWithModels].map((poolId) => ({ poolId })))
      : prisma.poolModel.findMany({ select: { poolId: true }, distinct: ["poolId"] }),
  ]);
  const unallocated = unallocatedIdleReserved({
    reservations,
    poolsWithModels: new Set(links.map((l) => l.poolId)),
    from: args.from,
    to: args.to,
  });
  // Rounded once, here at the DTO edge (lib/money): the read model summed float dollars.
  return { ...unallocated, usd: usd(unallocated.usd) };
}
