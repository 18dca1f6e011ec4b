import "server-only";
import { getConfig } from "@/lib/config";
import { getPrisma } from "@/lib/db";
import { SYNC_ACTOR } from "@/lib/inventory/sync/apply-inventory-changes";
import { ZInventoryAuditParams, type TInventoryAuditParams } from "@/lib/inventory/sync/inventory-audit-params";
import { ZInventoryProblems, type TInventoryOverview } from "./inventory-dto";

const RUNS_SHOWN = 20;
const CHANGES_SHOWN = 100;

/** The Inventory page: sources and their last sync, recent syncs, recent changes, open problems. */
export async function getInventoryOverview(): Promise<TInventoryOverview> {
  const prisma = getPrisma();
  const config = getConfig();
  const [scopes, poolsByScope, runs, lastRead, changes, counts] = await Promise.all([
    prisma.inventoryScopeState.findMany({ orderBy: { scope: "asc" } }),
    prisma.pool.groupBy({ by: ["inventoryScope"], where: { retiredAt: null }, _count: { _all: true } }),
    prisma.inventorySyncRun.findMany({ orderBy: { id: "desc" }, take: RUNS_SHOWN }),
    prisma.inventorySyncRun.findFirst({ where: { error: null }, orderBy: { id: "desc" }, select: { problems: true } }),
    prisma.auditEvent.findMany({ where: { actor: SYNC_ACTOR }, orderBy: { id: "desc" }, take: CHANGES_SHOWN }),
    Promise.all([
      prisma.pool.count({ where: { retiredAt: null } }),
      prisma.pool.count({ where: { retiredAt: { not: null } } }),
      prisma.model.count({ where: { retiredAt: null } }),
      prisma.capacityReservation.count({ where: { retiredAt: null } }),
      prisma.instancePrice.count(),
    ]),
  ]);
  const poolCount = new Map(poolsByScope.map((g) => [g.inventoryScope, g._count._all]));
  return {
    source: config.INVENTORY_SOURCE,
    syncIntervalSeconds: config.INVENTORY_SYNC_INTERVAL_SECONDS,
    counts: {
      pools: counts[0],
      retiredPools: counts[1],
      models: counts[2],
      reservations: counts[3],
      prices: counts[4],
    },
    scopes: scopes.map((s) => ({
      scope: s.scope,
      ok: s.ok,
      lastSyncAt: s.lastSyncAt.toISOString(),
      lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null,
      error: s.error,
      apiCalls: s.apiCalls,
      durationMs: s.durationMs,
      pools: poolCount.get(s.scope) ?? 0,
    })),
    runs: runs.map((r) => ({
      id: String(r.id),
      source: r.source,
      trigger: r.trigger,
      startedAt: r.startedAt.toISOString(),
      durationMs: r.finishedAt.getTime() - r.startedAt.getTime(),
      apiCalls: r.apiCalls,
      changes: r.changes,
      problems: ZInventoryProblems.parse(r.problems).length,
      error: r.error,
    })),
    problems: lastRead ? ZInventoryProblems.parse(lastRead.problems) : [],
    changes: changes.map((c) => {
      const parsed = ZInventoryAuditParams.safeParse(c.params);
      const params: Pick<TInventoryAuditParams, "key" | "fields"> = parsed.success ? parsed.data : { key: "" };
      return {
        id: String(c.id),
        at: c.at.toISOString(),
        action: c.action,
        poolId: c.poolId,
        modelId: c.modelId,
        key: params.key,
        summary: Object.entries(params.fields ?? {})
          .map(([k, f]) => `${k} ${show(f.before)} → ${show(f.after)}`)
          .join("; "),
      };
    }),
  };
}

const show = (v: unknown) => (v === null || v === undefined ? "–" : typeof v === "string" ? v : JSON.stringify(v));
