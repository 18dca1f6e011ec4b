// Shared by the drain tests on the simulated provider: start a drain through the route handler,
// run single worker ticks (backoff pulled forward), cancel as an operator, read steps and calls.
import { beforeAll, expect } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import { cancelPoolAction } from "@/lib/fleet/actions/cancel-pool-action";
import type { FleetProvider } from "@/lib/fleet/provider";
import { runWorkerTick } from "@/lib/fleet/worker/run-worker-tick";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { useTestDatabase } from "../setup/test-database";
import { providerCalls, requestAction } from "./action-helpers";

/** The test file's database with the simulated fleet, whose instances boot, and PDBs and pods release, at once. */
export function useSimulatedDrainFleet(): void {
  Object.assign(process.env, { SIM_BOOT_SECONDS: "0", SIM_PDB_BLOCK_SECONDS: "0", SIM_POD_GRACE_SECONDS: "0" });
  useTestDatabase();
  beforeAll(async () => {
    await seedSimulatedFleet();
  });
}

const operator = { id: "demo-operator", name: "Operator", role: "operator" as const, via: "demo" as const };
export const cancel = (actionId: string) =>
  cancelPoolAction({ actionId, user: operator, meta: { sourceIp: null, userAgent: null } });

export async function tick(actionId: string, opts: { workerId?: string; provider?: FleetProvider } = {}) {
  await getPool().query(`UPDATE "PoolAction" SET "nextRunAt" = now() WHERE id = $1`, [actionId]);
  return runWorkerTick({ workerId: opts.workerId ?? "test-worker", provider: opts.provider });
}

export async function tickUntilStep(actionId: string, name: string, state: string) {
  for (let i = 0; i < 20; i++) {
    const step = await getPrisma().poolActionStep.findFirstOrThrow({ where: { actionId, name } });
    if (step.state === state) return;
    await tick(actionId);
  }
  throw new Error(`${name} never reached ${state}`);
}

/** A drain of `count` on an EKS pool: its id and the node names of the instances it chose. */
export async function startDrain(pool: string, count: number) {
  const { status, body } = await requestAction(pool, { kind: "drain", count });
  expect(status).toBe(201);
  const chosen: string[] = body.action.preview.drain.instances.map((i: { instanceId: string }) => i.instanceId);
  const rows = await getPrisma().simulatedInstance.findMany({
    where: { id: { in: chosen } },
    select: { nodeName: true },
  });
  return { actionId: body.action.id as string, chosen, nodes: rows.map((r) => r.nodeName).sort() };
}

export const stepsOf = async (actionId: string) =>
  getPrisma().poolActionStep.findMany({ where: { actionId }, orderBy: { seq: "asc" } });
export const uncordonCalls = async (pool: string) =>
  (await providerCalls(pool, "uncordonNode")).map((c) => (c.args as { nodeName: string }).nodeName);
