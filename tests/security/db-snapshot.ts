// What a refused or malformed request must leave untouched: every table a pool action, an approval,
// the provider or the settings write, compared as counts plus digests of the mutable columns.
// AuditEvent (the refusal's own row) and RateLimitBucket (the limiter's counter) may change.
import { getPool } from "@/lib/db";

export type FleetSnapshot = Record<string, string | number>;

export async function fleetSnapshot(): Promise<FleetSnapshot> {
  const { rows } = await getPool().query<FleetSnapshot>(`SELECT
    (SELECT count(*) FROM "PoolAction")::int AS "poolActions",
    (SELECT md5(coalesce(string_agg(id || ':' || state || ':' || "cancelRequested" || ':' || coalesce(error, '') || ':' || "nextRunAt", ',' ORDER BY id), '')) FROM "PoolAction") AS "poolActionDigest",
    (SELECT count(*) FROM "PoolActionStep")::int AS "poolActionSteps",
    (SELECT md5(coalesce(string_agg(id || ':' || state || ':' || attempts, ',' ORDER BY id), '')) FROM "PoolActionStep") AS "stepDigest",
    (SELECT count(*) FROM "ActionApproval")::int AS "actionApprovals",
    (SELECT coalesce(sum("desiredCapacity"), 0)::int FROM "Pool") AS "desiredCapacitySum",
    (SELECT md5(coalesce(string_agg(id || ':' || "desiredCapacity" || ':' || state, ',' ORDER BY id), '')) FROM "Pool") AS "poolDigest",
    (SELECT count(*) FROM "SimulatedProviderCall")::int AS "simulatedProviderCalls",
    (SELECT md5(coalesce(string_agg(id || ':' || state || ':' || cordoned, ',' ORDER BY id), '')) FROM "SimulatedInstance") AS "instanceDigest",
    (SELECT count(*) FROM "Setting")::int AS "settings",
    (SELECT md5(coalesce(string_agg(key || ':' || value::text, ',' ORDER BY key), '')) FROM "Setting") AS "settingDigest"`);
  return rows[0]!;
}

export async function auditCount(): Promise<number> {
  const { rows } = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent"`);
  return rows[0]!.n;
}

export type AuditRow = {
  id: string;
  actor: string;
  actorRole: string;
  action: string;
  poolId: string | null;
  outcome: string;
  message: string | null;
  reason: string | null;
  params: unknown;
  sourceIp: string | null;
  userAgent: string | null;
  at: Date;
};

/** Audit rows written after `afterId` (the max id before the request), oldest first. */
/**
 * Audit rows written since `mark`, and rows whose refusal count grew since then (an identical
 * refusal within a minute is counted on the first one's row, not written again).
 */
export async function auditRowsSince(mark: AuditMark): Promise<AuditRow[]> {
  const { rows } = await getPool().query<AuditRow>(
    `SELECT id::text, actor, "actorRole", action, "poolId", outcome, message, reason, params, "sourceIp", "userAgent", at
     FROM "AuditEvent" WHERE id > $1::bigint OR "lastAt" >= $2::timestamptz ORDER BY id`,
    [mark.id, mark.at],
  );
  return rows;
}

export type AuditMark = { id: string; at: string };

/** Where the audit log stands now: its newest id and the database's clock. */
export async function auditMark(): Promise<AuditMark> {
  const { rows } = await getPool().query<AuditMark>(
    `SELECT coalesce(max(id), 0)::text AS id, clock_timestamp()::text AS at FROM "AuditEvent"`,
  );
  return rows[0]!;
}
