// The reservation ingest with the CloudWatch source against a stand-in for AWS/EC2CapacityReservations,
// into a real PostgreSQL: the exact GetMetricData requests (queries, windows, pagination), the
// stored 5-minute rows (nulls where CloudWatch had nothing), late data, re-runs and failures.
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, describe, expect, it } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import { createCloudWatchReservationSource } from "@/lib/telemetry/cloudwatch/cloudwatch-reservation-source";
import { getReservationUsageSource } from "@/lib/telemetry/reservations/get-reservation-usage-source";
import { runReservationIngest } from "@/lib/telemetry/reservations/run-reservation-ingest";
import { useTestDatabase } from "../setup/test-database";
import { fakeReservationMetrics } from "./fake-cloudwatch";

useTestDatabase();

const cw = mockClient(CloudWatchClient);
const clients = new Map<string, CloudWatchClient>();
const clientFor = ({ region }: { region: string }) => {
  if (!clients.has(region))
    clients.set(
      region,
      new CloudWatchClient({ region, credentials: { accessKeyId: "test", secretAccessKey: "test" } }),
    );
  return clients.get(region)!;
};
const source = createCloudWatchReservationSource({ clientFor });
const inputs = (): GetMetricDataCommandInput[] => cw.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input);
const at = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);

const A = "cr-0aaa00000000000a1"; // us-east-1, 4 instances: 3 used
const B = "cr-0bbb00000000000b1"; // us-east-1: CloudWatch has nothing for it
const C = "cr-0ccc00000000000c1"; // us-west-2, 8 instances: 5 used
const D = "cr-0ddd00000000000d1"; // ended at 09:00 today (expired, retired 09:10): read up to its end
const E = "cr-0eee00000000000e1"; // ended in September: not read
const F = "cr-0fff00000000000f1"; // payment-pending: not read
const G = "cr-0ggg00000000000g1"; // started at 10:02 today: read from its first period

// A's 11:40 period is late (absent until `late` is set); its 06:00 period lacks TotalInstanceCount;
// C's 11:45 period disappears after the first run (a stored value must survive a re-read without it).
let late = false;
let cDropped = false;
const VALUES: Record<string, [number, number, number]> = {
  [A]: [3, 1, 4],
  [C]: [5, 3, 8],
  [D]: [2, 0, 2],
  [G]: [1, 1, 2],
};
const METRIC_INDEX: Record<string, number> = { UsedInstanceCount: 0, AvailableInstanceCount: 1, TotalInstanceCount: 2 };
function value(id: string, metricName: string, t: number): number | undefined {
  const v = VALUES[id];
  if (!v) return undefined;
  if (id === A && t === ms("2026-11-20T11:40:00Z") && !late) return undefined;
  if (id === A && t === ms("2026-11-20T06:00:00Z") && metricName === "TotalInstanceCount") return undefined;
  if (id === C && t === ms("2026-11-20T11:45:00Z") && cDropped) return undefined;
  return v[METRIC_INDEX[metricName]!];
}

function expectedQueries(ids: string[]) {
  return ids.flatMap((id, i) =>
    [
      ["used", "UsedInstanceCount"],
      ["avail", "AvailableInstanceCount"],
      ["total", "TotalInstanceCount"],
    ].map(([suffix, metricName]) => ({
      Id: `c${i}_${suffix}`,
      MetricStat: {
        Metric: {
          Namespace: "AWS/EC2CapacityReservations",
          MetricName: metricName,
          Dimensions: [{ Name: "CapacityReservationId", Value: id }],
        },
        Period: 300,
        Stat: "Average",
      },
      ReturnData: true,
    })),
  );
}

async function rowsOf(id: string) {
  const { rows } = await getPool().query(
    `SELECT ts, used_instances AS used, available_instances AS avail, total_instances AS total
     FROM reservation_usage_5m WHERE reservation_id = $1 ORDER BY ts`,
    [id],
  );
  return rows as Array<{ ts: Date; used: number | null; avail: number | null; total: number | null }>;
}
const rowAt = async (id: string, iso: string) => (await rowsOf(id)).find((r) => r.ts.getTime() === ms(iso));

async function snapshot() {
  const { rows } = await getPool().query("SELECT * FROM reservation_usage_5m ORDER BY reservation_id, ts");
  return rows;
}

beforeAll(async () => {
  const reservation = (id: string, over: Record<string, unknown>) => ({
    id,
    instanceType: "trn2.48xlarge",
    region: "us-east-1",
    availabilityZone: "us-east-1a",
    instanceCount: 4,
    startAt: at("2026-10-01T00:00:00Z"),
    endAt: null,
    usdPerInstanceHour: 30,
    inventoryScope: "ec2/us-east-1",
    ...over,
  });
  await getPrisma().capacityReservation.createMany({
    data: [
      reservation(A, {}),
      reservation(B, { instanceCount: 2 }),
      reservation(C, { region: "us-west-2", availabilityZone: "us-west-2b", instanceCount: 8 }),
      reservation(D, {
        instanceCount: 2,
        state: "expired",
        endAt: at("2026-11-20T09:00:00Z"),
        retiredAt: at("2026-11-20T09:10:00Z"),
      }),
      reservation(E, { state: "expired", endAt: at("2026-09-01T00:00:00Z"), retiredAt: at("2026-09-01T00:10:00Z") }),
      reservation(F, { state: "payment-pending" }),
      reservation(G, { instanceCount: 2, startAt: at("2026-11-20T10:02:00Z") }),
    ],
  });
});

describe("reservation ingest from AWS/EC2CapacityReservations", () => {
  it("is the source TELEMETRY_SOURCE=cloudwatch selects", () => {
    process.env.TELEMETRY_SOURCE = "cloudwatch";
    expect(getReservationUsageSource().name).toBe("cloudwatch");
  });

  it("backfills each live reservation's window with exact queries, following NextToken, missing periods stored as null", async () => {
    cw.reset();
    cw.on(GetMetricDataCommand).callsFake(fakeReservationMetrics({ value, periodsPerPage: 120 }));
    const result = await runReservationIngest({ source, backfillDays: 1, now: at("2026-11-20T12:02:10Z") });
    expect(result.error).toBeUndefined();

    const sent = inputs();
    const windowOf = (i: GetMetricDataCommandInput) => [i.StartTime, i.EndTime, i.NextToken];
    // D's window ends with it (252 periods: 3 pages); then A, B (us-east-1) and C (us-west-2) over
    // the whole day (288 periods: 3 pages each); then G from its first period (24: one page).
    expect(sent.map(windowOf)).toEqual([
      [at("2026-11-19T12:00:00Z"), at("2026-11-20T09:00:00Z"), undefined],
      [at("2026-11-19T12:00:00Z"), at("2026-11-20T09:00:00Z"), "1"],
      [at("2026-11-19T12:00:00Z"), at("2026-11-20T09:00:00Z"), "2"],
      [at("2026-11-19T12:00:00Z"), at("2026-11-20T12:00:00Z"), undefined],
      [at("2026-11-19T12:00:00Z"), at("2026-11-20T12:00:00Z"), "1"],
      [at("2026-11-19T12:00:00Z"), at("2026-11-20T12:00:00Z"), "2"],
      [at("2026-11-19T12:00:00Z"), at("2026-11-20T12:00:00Z"), undefined],
      [at("2026-11-19T12:00:00Z"), at("2026-11-20T12:00:00Z"), "1"],
      [at("2026-11-19T12:00:00Z"), at("2026-11-20T12:00:00Z"), "2"],
      [at("2026-11-20T10:00:00Z"), at("2026-11-20T12:00:00Z"), undefined],
    ]);
    expect(sent.map((i) => i.MetricDataQueries)).toEqual([
      ...Array(3).fill(expectedQueries([D])),
      ...Array(3).fill(expectedQueries([A, B])),
      ...Array(3).fill(expectedQueries([C])),
      expectedQueries([G]),
    ]);
    expect(cw.commandCalls(GetMetricDataCommand).map((c) => c.thisValue)).toEqual([
      ...Array(6).fill(clients.get("us-east-1")),
      ...Array(3).fill(clients.get("us-west-2")),
      clients.get("us-east-1"),
    ]);

    const a = await rowsOf(A);
    expect(a).toHaveLength(288);
    expect(a[0]!.ts).toEqual(at("2026-11-19T12:00:00Z"));
    expect(a.at(-1)!.ts).toEqual(at("2026-11-20T11:55:00Z"));
    expect(await rowAt(A, "2026-11-20T11:40:00Z")).toMatchObject({ used: null, avail: null, total: null });
    expect(await rowAt(A, "2026-11-20T06:00:00Z")).toMatchObject({ used: 3, avail: 1, total: null });
    expect(a.filter((r) => r.used === 3 && r.avail === 1 && r.total === 4)).toHaveLength(286);
    // No datapoints at all: every period stored, every value null (never 0).
    const b = await rowsOf(B);
    expect(b).toHaveLength(288);
    expect(b.every((r) => r.used === null && r.avail === null && r.total === null)).toBe(true);
    expect((await rowsOf(C)).every((r) => r.used === 5 && r.avail === 3 && r.total === 8)).toBe(true);
    const d = await rowsOf(D);
    expect([d.length, d.at(-1)!.ts]).toEqual([252, at("2026-11-20T08:55:00Z")]);
    const g = await rowsOf(G);
    expect([g.length, g[0]!.ts, g[0]!.used]).toEqual([24, at("2026-11-20T10:00:00Z"), 1]);
    expect(await rowsOf(E)).toEqual([]);
    expect(await rowsOf(F)).toEqual([]);

    expect(result).toMatchObject({ reservations: 5, written: 288 * 3 + 252 + 24, apiRequests: 10 });
    const runs = await getPrisma().telemetryIngestRun.findMany({ orderBy: { id: "asc" } });
    // Every page asks for its batch's metrics again: D 3×3, A+B 6×3, C 3×3, G 3.
    expect(runs.map((r) => [r.source, r.kind, r.pointsWritten, r.apiRequests, r.metricsRequested, r.error])).toEqual([
      ["cloudwatch", "reservations", 288 * 3 + 252 + 24, 10, 39, null],
    ]);
    expect([runs[0]!.fromMinute, runs[0]!.toMinute]).toEqual([at("2026-11-19T12:00:00Z"), at("2026-11-20T12:00:00Z")]);
  });

  it("asks nothing again within the same 5-minute period", async () => {
    cw.resetHistory();
    const idle = await runReservationIngest({ source, backfillDays: 1, now: at("2026-11-20T12:04:59Z") });
    expect(idle).toMatchObject({ from: null, written: 0, apiRequests: 0 });
    expect(inputs()).toHaveLength(0);
  });

  it("next period: re-reads the last 30 minutes, fills the late datapoint, keeps values a re-read lacks, no duplicates", async () => {
    cw.reset();
    // Newest first, as GetMetricData answers when ScanBy is not honoured: the order must not matter.
    cw.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) =>
      fakeReservationMetrics({ value })({ ...input, ScanBy: "TimestampDescending" }),
    );
    late = true;
    cDropped = true;
    const tick = await runReservationIngest({ source, backfillDays: 1, now: at("2026-11-20T12:07:10Z") });
    expect(tick.error).toBeUndefined();
    const sent = inputs();
    expect(sent.map((i) => [i.StartTime, i.EndTime, i.MetricDataQueries])).toEqual([
      [at("2026-11-20T11:35:00Z"), at("2026-11-20T12:05:00Z"), expectedQueries([A, B, G])],
      [at("2026-11-20T11:35:00Z"), at("2026-11-20T12:05:00Z"), expectedQueries([C])],
    ]);
    expect(tick).toMatchObject({ reservations: 4, written: 4 * 6, apiRequests: 2 });

    expect(await rowAt(A, "2026-11-20T11:40:00Z")).toMatchObject({ used: 3, avail: 1, total: 4 });
    expect(await rowAt(C, "2026-11-20T11:45:00Z")).toMatchObject({ used: 5, avail: 3, total: 8 });
    expect(await rowAt(A, "2026-11-20T12:00:00Z")).toMatchObject({ used: 3, avail: 1, total: 4 });
    expect(await rowsOf(A)).toHaveLength(289);
    expect(await rowsOf(D)).toHaveLength(252); // ended: nothing left to ask
    const { rows } = await getPool().query(
      "SELECT count(*)::int AS n, count(DISTINCT (reservation_id, ts))::int AS keys FROM reservation_usage_5m",
    );
    expect(rows[0].n).toBe(rows[0].keys);
  });

  it("re-running the same period writes the same rows again (idempotent)", async () => {
    const before = await snapshot();
    await getPool().query(`DELETE FROM "TelemetryIngestRun" WHERE kind = 'reservations'`);
    cw.resetHistory();
    const again = await runReservationIngest({ source, backfillDays: 1, now: at("2026-11-20T12:07:10Z") });
    expect(again).toMatchObject({ written: 24, apiRequests: 2 });
    expect(await snapshot()).toEqual(before);
  });

  it("records a failed query as a failed run, and writes nothing for its window", async () => {
    const before = await snapshot();
    cw.reset();
    cw.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
      const out = fakeReservationMetrics({ value })(input);
      return {
        MetricDataResults: out.MetricDataResults!.map((r) =>
          r.Id === "c0_used" ? { ...r, Timestamps: [], Values: [], StatusCode: "InternalError" } : r,
        ),
      };
    });
    const failed = await runReservationIngest({ source, backfillDays: 1, now: at("2026-11-20T12:12:00Z") });
    expect(failed.error).toMatch(/incomplete results for 1 queries: c0_used: InternalError/);
    expect(failed.written).toBe(0);
    expect(await snapshot()).toEqual(before);
    const last = await getPrisma().telemetryIngestRun.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect([last.kind, last.apiRequests, last.error]).toEqual(["reservations", 1, failed.error]);
  });
});

describe("CloudWatch reservation source batching", () => {
  it("sends 200 reservations' 600 queries as requests of 500 and 100, and maps every datapoint back", async () => {
    cw.reset();
    cw.on(GetMetricDataCommand).callsFake(
      fakeReservationMetrics({ value: (_id, metric) => METRIC_INDEX[metric]! + 1 }),
    );
    const reservations = Array.from({ length: 200 }, (_, i) => ({
      id: `cr-${String(i).padStart(17, "0")}`,
      region: "us-east-1",
      poolId: null,
      instanceCount: 3,
    }));
    const from = at("2026-11-20T11:00:00Z");
    const { datapoints, usage } = await source.fetchPeriods({ reservations, from, to: at("2026-11-20T11:10:00Z") });
    expect(inputs().map((i) => i.MetricDataQueries!.length)).toEqual([500, 100]);
    expect(inputs().flatMap((i) => i.MetricDataQueries)).toEqual(expectedQueries(reservations.map((r) => r.id)));
    expect(usage).toEqual({ requests: 2, metricsRequested: 600 });
    expect(datapoints).toHaveLength(400);
    expect(
      datapoints.find((d) => d.reservationId === reservations[166]!.id && d.ts.getTime() === from.getTime()),
    ).toEqual({
      reservationId: reservations[166]!.id,
      ts: from,
      usedInstances: 1,
      availableInstances: 2,
      totalInstances: 3,
    });
  });
});
