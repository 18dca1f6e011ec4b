import { describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { createSimulatedInventorySource } from "@/lib/inventory/simulated/simulated-inventory-source";
import { syncInventory } from "@/lib/inventory/sync/sync-inventory";
import type { InventorySnapshot, InventorySource } from "@/lib/inventory/types";
import { SIM_MODELS } from "@/lib/simulator/catalog";
import { SIM_POOLS } from "@/lib/simulator/pools";
import * as previewRoute from "@/app/api/pools/[poolId]/actions/preview/route";
import { appRequest } from "../setup/auth";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const now = new Date("2026-11-20T12:00:00Z");
const simulated = createSimulatedInventorySource();
/** The simulated snapshot, changed by `edit`: a source whose account changed between two syncs. */
const edited = (edit: (s: InventorySnapshot) => InventorySnapshot): InventorySource => ({
  name: "aws",
  discover: async (args) => edit(await simulated.discover(args)),
});
const removed = SIM_POOLS[3]!.id;

describe("syncInventory against PostgreSQL", () => {
  it("fills an empty database, one audit row per change, then a second sync changes nothing", async () => {
    const prisma = getPrisma();
    const first = await syncInventory({ source: simulated, trigger: "start", now });
    expect(first.error).toBeNull();
    expect(await prisma.pool.count()).toBe(SIM_POOLS.length);
    expect(await prisma.model.count()).toBe(SIM_MODELS.length);
    const audit = await prisma.auditEvent.findMany({ where: { actor: "inventory-sync" } });
    expect(audit.length).toBe(first.changes.length);
    expect(audit.filter((a) => a.action === "inventory.pool.discovered").length).toBe(SIM_POOLS.length);
    expect(audit.filter((a) => a.action === "inventory.pool_model.mapped").length).toBe(SIM_POOLS.length);

    const second = await syncInventory({ source: simulated, trigger: "schedule", now });
    expect(second.changes).toEqual([]);
    const runs = await prisma.inventorySyncRun.findMany({ orderBy: { id: "asc" } });
    expect(runs.map((r) => [r.trigger, r.changes])).toEqual([
      ["start", first.changes.length],
      ["schedule", 0],
    ]);
  });

  it("a pool that disappears is retired with its date and an audit row; its row, mapping and id stay", async () => {
    const prisma = getPrisma();
    const later = new Date(now.getTime() + 300_000);
    const result = await syncInventory({
      source: edited((s) => ({ ...s, pools: s.pools.filter((p) => p.id !== removed) })),
      trigger: "schedule",
      now: later,
    });
    expect(result.changes).toEqual([{ entity: "pool", kind: "retired", key: removed, poolId: removed }]);
    const pool = await prisma.pool.findUniqueOrThrow({ where: { id: removed }, include: { models: true } });
    expect(pool.retiredAt).toEqual(later);
    expect(pool.models.length).toBe(1);
    const row = await prisma.auditEvent.findFirstOrThrow({ where: { action: "inventory.pool.retired" } });
    expect(row.poolId).toBe(removed);
    expect(row.params).toMatchObject({ key: removed, trigger: "schedule" });
    // Nothing to launch into or drain any more: the preview (and so the request) is refused.
    const preview = await previewRoute.POST(
      appRequest(`/api/pools/${removed}/actions/preview`, {
        role: "operator",
        method: "POST",
        body: { kind: "drain", count: 1 },
      }),
      { params: Promise.resolve({ poolId: removed }) },
    );
    expect(preview.status).toBe(409);
    expect(((await preview.json()) as { error: { message: string } }).error.message).toContain(
      `pool ${removed} was retired`,
    );
  });

  it("a failing scope is recorded with its error and keeps what it reported last; the rest syncs", async () => {
    const prisma = getPrisma();
    const result = await syncInventory({
      source: edited((s) => ({
        ...s,
        scopes: [
          {
            scope: "simulated",
            ok: false,
            error: "AutoScaling AccessDenied: not authorized",
            apiCalls: 1,
            durationMs: 12,
          },
        ],
        pools: [],
        reservations: [],
        prices: s.prices.map((p) =>
          p.instanceType === "c7g.16xlarge" && p.region === "us-east-1" ? { ...p, onDemandUsdPerHour: 2.5 } : p,
        ),
      })),
      trigger: "schedule",
      now: new Date(now.getTime() + 600_000),
    });
    expect(result.failedScopes).toEqual(["simulated"]);
    expect(result.changes).toEqual([
      {
        entity: "price",
        kind: "changed",
        key: "c7g.16xlarge|us-east-1",
        fields: { onDemandUsdPerHour: { before: 2.32, after: 2.5 } },
      },
    ]);
    expect(await prisma.pool.count({ where: { retiredAt: null } })).toBe(SIM_POOLS.length - 1);
    const scope = await prisma.inventoryScopeState.findUniqueOrThrow({ where: { scope: "simulated" } });
    expect(scope).toMatchObject({ ok: false, error: "AutoScaling AccessDenied: not authorized", apiCalls: 1 });
    expect(scope.lastSuccessAt).toEqual(new Date(now.getTime() + 300_000)); // the previous sync's
  });

  it("a source that cannot be read changes nothing and records the error", async () => {
    const prisma = getPrisma();
    const before = await prisma.auditEvent.count();
    const result = await syncInventory({
      source: {
        name: "aws",
        discover: async () => {
          throw new Error("fleet.yaml:3:5: models[0].sloP95Ms: expected a number");
        },
      },
      trigger: "admin:ops@example.com",
      now: new Date(now.getTime() + 900_000),
    });
    expect(result.error).toBe("fleet.yaml:3:5: models[0].sloP95Ms: expected a number");
    expect(await prisma.auditEvent.count()).toBe(before);
    const run = await prisma.inventorySyncRun.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(run).toMatchObject({ trigger: "admin:ops@example.com", changes: 0, error: result.error });
  });
});
