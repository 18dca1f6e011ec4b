import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { getPool } from "@/lib/db";
import { readDbGauges } from "@/lib/observability/read-db-gauges";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

async function insertPool(): Promise<string> {
  const id = `pool-metrics-${randomUUID().slice(0, 8)}`;
  await getPool().query(
    `INSERT INTO "Pool" (id, "chipFamily", "instanceType", region, "availabilityZone", "backingKind", "backingId",
                         "minCapacity", "desiredCapacity", "maxCapacity", "updatedAt")
     VALUES ($1, 'trainium', 'trn1.32xlarge', 'us-east-1', 'us-east-1a', 'asg', $1, 0, 2, 4, now())`,
    [id],
  );
  return id;
}

async function insertAction(poolId: string, state: string) {
  const key = randomUUID();
  await getPool().query(
    `INSERT INTO "PoolAction" (id, "poolId", kind, count, state, "requestedBy", reason, "idempotencyKey", "requestHash", preview)
     VALUES ($1, $2, 'drain', 1, $3::"PoolActionState", 'metrics-test', 'metrics test', $1, $1, '{}'::jsonb)`,
    [key, poolId, state],
  );
}

describe("database-backed gauges (PostgreSQL)", () => {
  it("reads ingest lag per source and action counts per state", async () => {
    const poolId = await insertPool();
    for (const state of ["running", "running", "failed"]) await insertAction(poolId, state);
    const now = new Date("2026-11-22T12:00:00Z");
    await getPool().query(
      `INSERT INTO "TelemetrySourceState" (source, "latestMinute") VALUES ('cloudwatch', $1), ('never-ingested', NULL)`,
      [new Date(now.getTime() - 10 * 60_000)],
    );

    const snapshot = await readDbGauges(now);
    expect(snapshot.ingestLag).toEqual([{ source: "cloudwatch", lagSeconds: 540 }]); // 10 min minus the open minute
    expect(Object.fromEntries(snapshot.poolActions.map((a) => [a.state, a.count]))).toEqual({ running: 2, failed: 1 });

    const body = await (await GET(new Request("http://localhost/api/metrics"))).text();
    expect(body).toContain('fleet_pool_actions{state="running"} 2');
    expect(body).toContain('fleet_pool_actions{state="failed"} 1');
    expect(body).toMatch(/^fleet_telemetry_ingest_lag_seconds\{source="cloudwatch"\} \d+$/m);
    expect(body).toMatch(/^fleet_metrics_db_up 1$/m);
  });
});
