import "server-only";
import { getPrisma } from "@/lib/db";
import type { InventoryProblem, InventorySnapshot, InventorySource } from "@/lib/inventory/types";
import { recordFleetSnapshot } from "@/lib/inventory/history/record-fleet-snapshot";
import { applyInventoryChanges } from "./apply-inventory-changes";
import { diffInventory, type InventoryChange } from "./diff-inventory";
import { keepStaleReservationLinks } from "./keep-stale-reservation-links";
import { loadCurrentInventory } from "./load-current-inventory";

export type InventorySyncResult = {
  runId: string;
  source: InventorySource["name"];
  changes: InventoryChange[];
  problems: InventoryProblem[];
  apiCalls: number;
  durationMs: number;
  failedScopes: string[];
  error: string | null;
};

/**
 * One sync: read the source (outside any transaction: it is network calls), then diff against the
 * database and apply, with the audit rows, scope states and the run row, in one transaction.
 * Callers hold LOCKS.inventorySync so replicas never sync at once.
 */
export async function syncInventory(args: {
  source: InventorySource;
  trigger: string;
  now?: Date;
}): Promise<InventorySyncResult> {
  const prisma = getPrisma();
  const now = args.now ?? new Date();
  const started = Date.now();
  const known = await prisma.pool.findMany({ select: { id: true, sourceKey: true } });
  // Hand-made pools (no source key) are listed too, under a key no source reports: their ids are taken.
  const poolIds = new Map(known.map((p) => [p.sourceKey ?? `unmanaged/${p.id}`, p.id]));

  let snapshot: InventorySnapshot;
  try {
    snapshot = await args.source.discover({ poolIds, now });
  } catch (err) {
    // Nothing was read that could be trusted (e.g. the fleet config file is invalid): change nothing.
    const error = err instanceof Error ? err.message : String(err);
    const run = await prisma.inventorySyncRun.create({
      data: {
        source: args.source.name,
        trigger: args.trigger,
        startedAt: now,
        finishedAt: new Date(),
        apiCalls: 0,
        changes: 0,
        problems: [],
        error,
      },
    });
    const durationMs = Date.now() - started;
    return {
      runId: String(run.id),
      source: args.source.name,
      changes: [],
      problems: [],
      apiCalls: 0,
      durationMs,
      failedScopes: [],
      error,
    };
  }
  snapshot = keepStoredIds(snapshot, poolIds);
  const apiCalls = snapshot.scopes.reduce((a, s) => a + s.apiCalls, 0);

  const { changes, runId, problems } = await prisma.$transaction(
    async (tx) => {
      const current = await loadCurrentInventory(tx);
      // Reservations of pools kept stale stay theirs: the diff must not read an outage as an unlink.
      const linked = keepStaleReservationLinks({ current, snapshot });
      const changes = diffInventory(current, linked);
      await applyInventoryChanges({ tx, snapshot: linked, changes, trigger: args.trigger, now });
      // Inventory history: a past month's review reads the fleet as it was then.
      await recordFleetSnapshot({ tx, now, reason: `inventory-sync:${args.trigger}` });
      for (const s of snapshot.scopes) {
        const data = {
          ok: s.ok,
          lastSyncAt: now,
          error: s.ok ? null : (s.error ?? "failed"),
          apiCalls: s.apiCalls,
          durationMs: Math.round(s.durationMs),
          ...(s.ok ? { lastSuccessAt: now } : {}),
        };
        await tx.inventoryScopeState.upsert({
          where: { scope: s.scope },
          create: { scope: s.scope, ...data },
          update: data,
        });
      }
      for (const t of snapshot.instanceTypes) {
        const { instanceType, ...data } = t;
        await tx.instanceTypeInfo.upsert({ where: { instanceType }, create: t, update: data });
      }
      const run = await tx.inventorySyncRun.create({
        data: {
          source: snapshot.source,
          trigger: args.trigger,
          startedAt: now,
          finishedAt: new Date(),
          apiCalls,
          changes: changes.length,
          problems: linked.problems,
        },
      });
      return { changes, runId: String(run.id), problems: linked.problems };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return {
    runId,
    source: snapshot.source,
    changes,
    problems,
    apiCalls,
    durationMs: Date.now() - started,
    failedScopes: snapshot.scopes.filter((s) => !s.ok).map((s) => s.scope),
    error: null,
  };
}

/** A pool keeps the id it was first given, whatever a source proposes later (ids are in URLs and history). */
function keepStoredIds(snapshot: InventorySnapshot, poolIds: ReadonlyMap<string, string>): InventorySnapshot {
  const renamed = new Map<string, string>();
  const pools = snapshot.pools.map((p) => {
    const stored = poolIds.get(p.sourceKey);
    if (!stored || stored === p.id) return p;
    renamed.set(p.id, stored);
    return { ...p, id: stored };
  });
  if (!renamed.size) return snapshot;
  const reservations = snapshot.reservations.map((r) =>
    r.poolId && renamed.has(r.poolId) ? { ...r, poolId: renamed.get(r.poolId)! } : r,
  );
  return { ...snapshot, pools, reservations };
}
