import "server-only";
import { getConfig } from "@/lib/config";
import { getPool } from "@/lib/db";

/**
 * Takes the next due action for this worker: FOR UPDATE SKIP LOCKED lets replicas claim different
 * actions without waiting, and the lease keeps others off it until released (or until it lapses,
 * when the worker died or hung mid-step and another one resumes the action). Each claim increments
 * leaseEpoch, the fencing token every later write of this worker is conditioned on (lease.ts).
 */
export async function claimNextAction(workerId: string): Promise<{ id: string; epoch: number } | null> {
  // The states a worker runs: ACTIVE_STATES (action-dto.ts) less awaiting_approval, which waits for a person.
  const { rows } = await getPool().query<{ id: string; leaseEpoch: number }>(
    `UPDATE "PoolAction"
     SET "lockedBy" = $1, "lockedUntil" = now() + make_interval(secs => $2), "leaseEpoch" = "leaseEpoch" + 1
     WHERE id = (
       SELECT id FROM "PoolAction"
       WHERE state IN ('pending', 'running') AND "nextRunAt" <= now()
         AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
       ORDER BY "nextRunAt" LIMIT 1
       FOR UPDATE SKIP LOCKED)
     RETURNING id, "leaseEpoch"`,
    // A worker that dies mid-step holds its lease this long; then another worker resumes the action.
    [workerId, getConfig().WORKER_LEASE_SECONDS],
  );
  const row = rows[0];
  return row ? { id: row.id, epoch: row.leaseEpoch } : null;
}

/** Actions nobody approved in time are cancelled, each with its audit row in the same transaction. */
export async function expireUnapprovedActions(): Promise<number> {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string; poolId: string }>(
      `UPDATE "PoolAction" SET state = 'cancelled', error = 'approval deadline passed', "finishedAt" = now()
       WHERE state = 'awaiting_approval' AND "approvalDeadline" < now() RETURNING id, "poolId"`,
    );
    await client.query(
      `UPDATE "PoolActionStep" SET state = 'skipped' WHERE state = 'pending' AND "actionId" = ANY($1::text[])`,
      [rows.map((r) => r.id)],
    );
    for (const r of rows) {
      await client.query(
        `INSERT INTO "AuditEvent" (actor, "actorRole", action, "poolId", params, outcome, message)
         VALUES ('fleet-worker', 'system', 'action.expire', $1, $2, 'succeeded', 'nobody approved it before its deadline')`,
        [r.poolId, JSON.stringify({ actionId: r.id })],
      );
    }
    await client.query("COMMIT");
    return rows.length;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
