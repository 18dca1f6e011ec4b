import "server-only";
import { getPrisma } from "@/lib/db";
import { ACTION_SUMMARY_FIELDS } from "@/lib/fleet/actions/action-dto";
import type { TRecentAction } from "./on-call-dto";

/** The fleet's newest pool actions, for the on-call overview. */
export async function listRecentActions({ limit }: { limit: number }): Promise<TRecentAction[]> {
  const rows = await getPrisma().poolAction.findMany({
    select: ACTION_SUMMARY_FIELDS,
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
