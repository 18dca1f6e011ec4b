// Telemetry coverage read from known stored rows: hourly rollups written by hand for three series.
import { describe, expect, it } from "vitest";
import { getTelemetryCoverage } from "@/lib/capacity/get-telemetry-coverage";
import { getPool } from "@/lib/db";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const sql = (text: string, params: unknown[] = []) => getPool().query(text, params);

async function series(poolId: string, opts: { createdAt: string; retiredAt?: string }): Promise<number> {
  await sql(
    `INSERT INTO "Pool" (id, "chipFamily", "instanceType", region, "availabilityZone", "backingKind", "backingId",
       "minCapacity", "desiredCapacity", "maxCapacity", "createdAt", "retiredAt", "updatedAt")
     VALUES ($1, 'trainium', 'trn1.32xlarge', 'us-east-1', 'us-east-1a', 'asg', $1, 1, 2, 4, $2, $3, now())`,
    [poolId, opts.createdAt, opts.retiredAt ?? null],
  );
  const { rows } = await sql(`INSERT INTO "PoolModel" ("poolId", "modelId") VALUES ($1, 'cov-model') RETURNING id`, [
    poolId,
  ]);
  return rows[0].id as number;
}

async function hour(seriesId: number, hourIso: string, minutes: number) {
  await sql(
    `INSERT INTO telemetry_hourly (series_id, hour, minutes, instance_minutes, busy_instance_minutes, requests, units,
       p50_ms_x_requests, p95_ms_x_requests, p99_ms_x_requests, p99_ms_max, reserved_instance_minutes, spend_usd,
       idle_reserved_usd, slo_breach_minutes)
     VALUES ($1, $2, $3, $3 * 2, $3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)`,
    [seriesId, hourIso, minutes],
  );
}

describe("getTelemetryCoverage", () => {
  it("counts expected and stored series-minutes from the rows", async () => {
    await sql(
      `INSERT INTO "Model" (id, "displayName", team, kind, "sloP95Ms") VALUES ('cov-model', 'Cov', 't', 'llm', 500)`,
    );
    // A: first row 01:00; hours 01 (60 min), 02 (45 min), 03 missing, 04 (60 min).
    const a = await series("cov-a", { createdAt: "2020-01-01T00:00:00Z" });
    await hour(a, "2020-03-01T01:00:00Z", 60);
    await hour(a, "2020-03-01T02:00:00Z", 45);
    await hour(a, "2020-03-01T04:00:00Z", 60);
    // B: reported since February, pool retired at 03:00; hours 00 (60), 01 (60), 02 (30).
    const b = await series("cov-b", { createdAt: "2020-01-01T00:00:00Z", retiredAt: "2020-03-01T03:00:00Z" });
    await hour(b, "2020-02-29T23:00:00Z", 60);
    await hour(b, "2020-03-01T00:00:00Z", 60);
    await hour(b, "2020-03-01T01:00:00Z", 60);
    await hour(b, "2020-03-01T02:00:00Z", 30);
    // C: never reported; its pool was inventoried at 04:00.
    await series("cov-c", { createdAt: "2020-03-01T04:00:00Z" });

    const coverage = await getTelemetryCoverage({
      window: {
        from: new Date("2020-03-01T00:00:00Z"),
        to: new Date("2020-03-01T05:00:00Z"),
        stepSeconds: 86400,
        table: "hourly",
      },
    });
    // Expected: A 01:00–05:00 = 240, B 00:00–03:00 = 180, C 04:00–05:00 = 60: 480 series-minutes.
    // Stored: A 60 + 45 + 60 = 165, B 60 + 60 + 30 = 150, C 0: 315. 315 / 480 = 65.625 %.
    expect(coverage).toMatchObject({
      expectedSeriesMinutes: 480,
      presentSeriesMinutes: 315,
      coveragePct: 65.625,
      series: 3,
      silentSeries: 1,
    });
  });
});
