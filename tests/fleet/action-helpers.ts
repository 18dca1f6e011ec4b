// Shared by the pool-action tests: request an action through the real route handler, run the
// worker until the action settles, and read what the simulated provider was asked to do.
import { randomUUID } from "node:crypto";
import { POST } from "@/app/api/pools/[poolId]/actions/route";
import { getPool, getPrisma } from "@/lib/db";
import type { FleetProvider } from "@/lib/fleet/provider";
import { runWorkerTick } from "@/lib/fleet/worker/run-worker-tick";
import type { Role } from "@/lib/auth/roles";
import { appRequest } from "../setup/auth";

export async function requestAction(
  poolId: string,
  body: Record<string, unknown>,
  opts: { role?: Role; key?: string; userId?: string } = {},
) {
  const response = await POST(
    appRequest(`/api/pools/${poolId}/actions`, {
      role: opts.role ?? "operator",
      userId: opts.userId,
      method: "POST",
      body: { confirmPoolName: poolId, reason: "test: rebalance capacity", ...body },
      headers: { "idempotency-key": opts.key ?? randomUUID() },
    }),
    { params: Promise.resolve({ poolId }) },
  );
  return { status: response.status, body: await response.json() };
}

/** Runs worker ticks until the action is final, pulling its next run forward (no sleeping on backoff). */
export async function runUntilSettled(
  actionId: string,
  opts: { workerId?: string; maxTicks?: number; waitMs?: number; provider?: FleetProvider } = {},
) {
  for (let i = 0; i < (opts.maxTicks ?? 200); i++) {
    const action = await getPrisma().poolAction.findUniqueOrThrow({ where: { id: actionId } });
    if (["succeeded", "failed", "cancelled"].includes(action.state)) return action;
    await getPool().query(`UPDATE "PoolAction" SET "nextRunAt" = now() WHERE id = $1`, [actionId]);
    await runWorkerTick({ workerId: opts.workerId ?? "test-worker", provider: opts.provider });
    if (opts.waitMs) await new Promise((r) => setTimeout(r, opts.waitMs));
  }
  throw new Error(`action ${actionId} did not settle`);
}

export async function providerCalls(poolId: string, method?: string) {
  return getPrisma().simulatedProviderCall.findMany({
    where: { poolId, ...(method ? { method } : {}) },
    orderBy: { id: "asc" },
  });
}

export async function tableCounts() {
  const { rows } = await getPool().query(`SELECT
    (SELECT count(*) FROM "PoolAction")::int AS actions, (SELECT count(*) FROM "PoolActionStep")::int AS steps,
    (SELECT count(*) FROM "ActionApproval")::int AS approvals, (SELECT count(*) FROM "SimulatedProviderCall")::int AS calls,
    (SELECT sum("desiredCapacity") FROM "Pool")::int AS desired, (SELECT count(*) FROM "AuditEvent")::int AS audit`);
  return rows[0] as {
    actions: number;
    steps: number;
    approvals: number;
    calls: number;
    desired: number;
    audit: number;
  };
}
