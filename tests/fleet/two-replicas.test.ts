import { beforeAll, describe, expect, it } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import { SIM_POOLS } from "@/lib/simulator/pools";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { useTestDatabase } from "../setup/test-database";
import { providerCalls, requestAction } from "./action-helpers";
import { useWorkerProcesses, waitFor } from "./worker-processes";

// Two app processes (scripts/run-worker.ts, the loop every server replica runs) against one
// database: the ingest tick runs in one of them, and every action step runs once.
const db = useTestDatabase();
const startWorker = useWorkerProcesses(db);
beforeAll(async () => {
  await seedSimulatedFleet();
});

const startReplica = (name: string) =>
  startWorker({
    WORKER_ID: name,
    WORKER_IDLE_MS: "50",
    WORKER_LEASE_SECONDS: "60",
    WORKER_INGEST_BACKFILL_DAYS: "0.25",
    SIM_BOOT_SECONDS: "1",
    SIM_PDB_BLOCK_SECONDS: "1",
  });

describe("two replicas against one database", () => {
  it("ingest once, and run every step of every action exactly once", async () => {
    const launches = ["helios-405b-use2-trn2-a", "iris-vl-7b-usw2-trn1-a"];
    const drains = ["rerank-mini-usw2-c7g-a", "atlas-1b-edge-usw2-c8g-a", "guard-2b-safety-use2-c7g-a"];
    const ids: string[] = [];
    ids.push((await requestAction(launches[0]!, { kind: "launch", count: 2 })).body.action.id);
    ids.push(
      (
        await requestAction(launches[1]!, {
          kind: "launch",
          count: 1,
          overrides: { onDemand: "test: on-demand is fine" },
        })
      ).body.action.id,
    );
    for (const pool of drains) ids.push((await requestAction(pool, { kind: "drain", count: 2 })).body.action.id);
    // The on-demand launch needs a second admin: approve it directly, as the approve route would.
    const approval = await getPrisma().poolAction.findUniqueOrThrow({ where: { id: ids[1]! } });
    await getPrisma().actionApproval.create({
      data: {
        actionId: approval.id,
        approvedBy: "demo-admin",
        paramsHash: approval.requestHash,
        expiresAt: new Date(Date.now() + 600_000),
      },
    });
    await getPrisma().poolAction.update({ where: { id: approval.id }, data: { state: "pending" } });

    startReplica("replica-a");
    startReplica("replica-b");
    await waitFor(
      "all actions to finish",
      async () => {
        const states = await getPrisma().poolAction.findMany({ where: { id: { in: ids } }, select: { state: true } });
        return states.every((s) => s.state === "succeeded") && states;
      },
      90_000,
      200,
    );

    // Ingest: exactly one process took the tick (the other found the lock taken), and no minute twice.
    const runs = await getPrisma().telemetryIngestRun.findMany({ where: { pointsWritten: { gt: 0 } } });
    expect(runs).toHaveLength(1);
    const { rows } = await getPool().query(
      "SELECT count(*)::int AS n, count(DISTINCT (series_id, ts))::int AS d FROM telemetry_minute",
    );
    expect(rows[0].n).toBe(rows[0].d);
    expect(rows[0].n).toBe(runs[0]!.pointsWritten);
    expect(runs[0]!.pointsWritten).toBe(SIM_POOLS.length * 360);

    // Actions: each provider change was made exactly once, whichever replica ran the step.
    for (const pool of launches) expect((await providerCalls(pool, "setDesiredCapacity")).length, pool).toBe(1);
    for (const pool of drains) {
      expect((await providerCalls(pool, "cordonNode")).length, pool).toBe(2);
      expect((await providerCalls(pool, "terminateInstances")).length, pool).toBe(1);
      expect(await getPrisma().simulatedInstance.count({ where: { poolId: pool, state: "terminated" } }), pool).toBe(2);
    }
  });
});
