import "server-only";
import { getPrisma } from "@/lib/db";
import type { TRecentAction } from "./on-call-dto";

/** The fleet's newest pool actions, for the on-call overview. */
export async function listRecentActions({ limit }: { limit: number }): Promise<TRecentAction[]> {
  const rows = await getPrisma().poolAction.findMany({
    select: {
      id: true,
      poolId: true,
      kind: true,
      count: true,
      state: true,
      requestedBy: true,
      reason: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
    },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return rows.map((a) => ({
    ...a,
    createdAt: a.createdAt.toISOString(),
    startedAt: a.startedAt?.toISOString() ?? null,
    finishedAt: a.finishedAt?.toISOString() ?? null,
  }));
}
