import "server-only";
import { getPrisma } from "@/lib/db";
import { parseInput } from "@/lib/parse-input";
import { ZActionPreview } from "./action-preview-dto";
import type { TActionList } from "./action-list-dto";
import { DEFAULT_ACTION_LIST, ZActionListFilters } from "./action-list-filters";
import { usdPerHourChange } from "./usd-per-hour-change";

/**
 * Every pool's launches and drains, newest first, filtered by state, pool and kind (the actions
 * page, GET /api/actions; state=awaiting_approval is the approvals inbox).
 */
export async function listActions({ query }: { query: unknown }): Promise<TActionList> {
  const filters = parseInput(ZActionListFilters, query);
  const limit = filters.limit ?? DEFAULT_ACTION_LIST;
  const rows = await getPrisma().poolAction.findMany({
    where: { state: filters.state, poolId: filters.pool, kind: filters.kind },
    select: {
      id: true,
      poolId: true,
      kind: true,
      count: true,
      state: true,
      requestedBy: true,
      reason: true,
      approvalReasons: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      rejectedBy: true,
      preview: true,
      approvals: { select: { approvedBy: true }, orderBy: { approvedAt: "asc" }, take: 1 },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return {
    limit,
    actions: rows.map((a) => {
      // The stored preview is parsed, not cast; one that does not parse has no $/h to show.
      const preview = ZActionPreview.safeParse(a.preview);
      return {
        id: a.id,
        poolId: a.poolId,
        kind: a.kind,
        count: a.count,
        state: a.state,
        requestedBy: a.requestedBy,
        reason: a.reason,
        approvalReasons: a.approvalReasons,
        createdAt: a.createdAt.toISOString(),
        startedAt: a.startedAt?.toISOString() ?? null,
        finishedAt: a.finishedAt?.toISOString() ?? null,
        decidedBy: a.rejectedBy ?? a.approvals[0]?.approvedBy ?? null,
        usdPerHourChange: preview.success ? usdPerHourChange(preview.data) : null,
      };
    }),
  };
}

/** Actions waiting for a second person (the nav's count). */
export async function countPendingApprovals(): Promise<number> {
  return getPrisma().poolAction.count({ where: { state: "awaiting_approval" } });
}
