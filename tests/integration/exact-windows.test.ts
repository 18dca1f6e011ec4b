import { beforeAll, describe, expect, it } from "vitest";
import { getCapacityOverview } from "@/lib/capacity/get-capacity-overview";
import { getPool } from "@/lib/db";
import { getModelDetail } from "@/lib/models/get-model-detail";
import { listModels } from "@/lib/models/list-models";
import { getFleetOverview } from "@/lib/overview/get-fleet-overview";
import { getPoolDetail } from "@/lib/pools/get-pool-detail";
import { listPools } from "@/lib/pools/list-pools";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import type { TRangeParams } from "@/lib/telemetry/sql/time-range";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { writeMinutePoints } from "@/lib/telemetry/store/write-minute-points";
import { pooledLatencySql } from "../setup/sql-pooled-latency";
import { useTestDatabase } from "../setup/test-database";

// The pages' totals recomputed from the raw minute rows with SQL written here (not the code under
// test), over exactly [from, to) of each window. The minute just before each window and the minute
// at its end are rewritten with 200× the instances and requests of one series: a total that strays
// a minute past either edge (or reads a whole rollup hour where only part of it is in the window)
// is off by far more than rounding.
useTestDatabase();

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
let dataEnd: Date;
let windows: Array<{ name: string; params: TRangeParams }>;

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await getPool().query(text, params)).rows as T[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** 200× one series' minute, written through the store so its hourly rollup is rebuilt too. */
async function spike(ts: Date): Promise<void> {
  const [row] = await sql<Record<string, number> & { series_id: number; poolId: string }>(
    `SELECT t.*, pm."poolId" FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
     WHERE t.ts = $1 AND t.requests > 0 ORDER BY t.series_id LIMIT 1`,
    [ts],
  );
  expect(row, `a stored minute at ${ts.toISOString()}`).toBeDefined();
  await writeMinutePoints({
    source: "simulated",
    points: [
      {
        seriesId: row!.series_id,
        poolId: row!.poolId,
        ts,
        utilizationPct: row!.utilization_pct!,
        latencyP50Ms: row!.latency_p50_ms!,
        latencyP95Ms: row!.latency_p95_ms! * 10,
        latencyP99Ms: row!.latency_p99_ms!,
        requests: row!.requests! * 200,
        units: row!.units! * 200,
        instances: row!.instances! * 200,
      },
    ],
  });
}

beforeAll(async () => {
  await seedSimulatedFleet();
  const result = await runIngest({ source: createSimulatedTelemetrySource({ seed: 23 }), backfillDays: 8 });
  expect(result.error).toBeUndefined();
  const [latest] = await sql<{ latest: Date }>(`SELECT max(ts) AS latest FROM telemetry_minute`);
  dataEnd = new Date(latest!.latest.getTime() + MINUTE_MS);
  const day = Math.floor(dataEnd.getTime() / DAY_MS) * DAY_MS;
  // Odd minutes on purpose: a long custom range (hourly buckets) and a short one across UTC midnight.
  const longFrom = day - 4 * DAY_MS + 3 * 3_600_000 + 17 * MINUTE_MS;
  const longTo = day - 2 * DAY_MS + 5 * 3_600_000 + 41 * MINUTE_MS;
  const nightFrom = day - DAY_MS - 13 * MINUTE_MS;
  const nightTo = day - DAY_MS + 2 * 3_600_000 + 13 * MINUTE_MS;
  windows = [
    { name: "24h", params: { range: "24h" } },
    { name: "7d", params: { range: "7d" } },
    { name: "custom 2 d 2 h 24 min", params: { range: "custom", from: iso(longFrom), to: iso(longTo) } },
    { name: "custom across midnight", params: { range: "custom", from: iso(nightFrom), to: iso(nightTo) } },
  ];
  const edges = [
    dataEnd.getTime() - DAY_MS - MINUTE_MS,
    dataEnd.getTime() - 7 * DAY_MS - MINUTE_MS,
    longFrom - MINUTE_MS,
    longTo,
    nightFrom - MINUTE_MS,
    nightTo,
  ];
  for (const ts of edges) await spike(new Date(ts));
}, 240_000);

/** The labelled window, computed here: a preset ends at the data end and spans its label; a custom range is its own. */
function labelled(params: TRangeParams): { from: string; to: string } {
  if (params.range === "custom") return { from: params.from!, to: params.to! };
  const span = { "24h": DAY_MS, "7d": 7 * DAY_MS }[params.range as "24h" | "7d"];
  return { from: iso(dataEnd.getTime() - span), to: dataEnd.toISOString() };
}

type Sums = {
  key: string;
  spend: number;
  idle: number;
  /** The same sums rounded once to the cent by PostgreSQL (numeric round: half away from zero). */
  spend_usd: string;
  idle_usd: string;
  units: number;
  requests: number;
  util: number | null;
  p95: number | null;
  instance_minutes: number;
  reserved_minutes: number;
  observed: number;
  minutes: number;
};

/**
 * Independent sums over exactly [from, to), grouped by `key` (a SQL expression over t and pm); p95
 * is the pooled percentile of the group's requests from the raw histograms (sql-pooled-latency.ts).
 */
async function sumsBy(key: string, from: string, to: string): Promise<Sums[]> {
  const latency = await sql<{ g: string; p95: number }>(pooledLatencySql(key), [from, to]);
  const p95 = new Map(latency.map((r) => [r.g, r.p95]));
  const rows = await sql<Omit<Sums, "p95">>(
    `SELECT ${key} AS key,
            sum(t.spend_usd)::float8 AS spend, sum(t.idle_reserved_usd)::float8 AS idle,
            round(sum(t.spend_usd)::numeric, 2)::text AS spend_usd,
            round(sum(t.idle_reserved_usd)::numeric, 2)::text AS idle_usd,
            sum(t.units)::float8 AS units, sum(t.requests::float8) AS requests,
            100 * sum(t.instances::float8 * t.utilization_pct::float8 / 100) / nullif(sum(t.instances::float8), 0) AS util,
            sum(t.instances::float8) AS instance_minutes, sum(t.reserved_instances::float8) AS reserved_minutes,
            count(*)::float8 / count(DISTINCT t.series_id) AS observed,
            count(DISTINCT t.ts)::float8 AS minutes
     FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
     WHERE t.ts >= $1 AND t.ts < $2
     GROUP BY 1 ORDER BY 1`,
    [from, to],
  );
  return rows.map((r) => ({ ...r, p95: p95.get(r.key) ?? null }));
}

/** Equal to float rounding (relative), so a single stray minute anywhere fails. */
function expectSame(actual: number | null | undefined, expected: number | null, what: string) {
  if (expected === null) return expect(actual, what).toBeNull();
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(expected)),
  );
}

type Metrics = {
  spendUsd: string;
  idleReservedUsd: string;
  units: number;
  utilizationPct: number | null;
  latencyP95Ms: number | null;
  avgInstances: number;
  requestsPerSecond: number | null;
};

/** Cents of "1234.56", read here (not with the code under test). */
const cents = (usd: string) => Math.round(Number(usd) * 100);

/** `footed`: a row of a table whose rows foot to its total, within a cent of its own rounding. */
function expectMetrics(m: Metrics, s: Sums, what: string, opts: { footed?: boolean } = {}) {
  if (opts.footed) expect(Math.abs(cents(m.spendUsd) - cents(s.spend_usd)), `${what} spend`).toBeLessThanOrEqual(1);
  else expect(m.spendUsd, `${what} spend`).toBe(s.spend_usd);
  expect(m.idleReservedUsd, `${what} idle reserved`).toBe(s.idle_usd);
  expectSame(m.units, s.units, `${what} units`);
  expectSame(m.utilizationPct, s.util, `${what} utilization`);
  expectSame(m.latencyP95Ms, s.p95, `${what} p95`);
  expectSame(m.avgInstances, s.instance_minutes / s.observed, `${what} average instances`);
  expectSame(m.requestsPerSecond, s.requests / (s.observed * 60), `${what} requests/s`);
}

describe("every total sums exactly the window its page states", () => {
  it("states the window: presets end at the data end and span exactly their label; custom ranges keep their minutes", async () => {
    for (const { name, params } of windows) {
      const { range } = await getFleetOverview({ params });
      const { from, to } = labelled(params);
      expect([range.from, range.to], name).toEqual([from, to]);
      expect(range.minutes, name).toBe((Date.parse(to) - Date.parse(from)) / MINUTE_MS);
      // The data covers every minute of each window, so its minutes are the stored minutes.
      const [{ minutes }] = (await sumsBy(`'fleet'`, range.from, range.to)) as [Sums];
      expect(minutes, name).toBe(range.minutes);
    }
  });

  it("overview: fleet KPIs and every model row", async () => {
    for (const { name, params } of windows) {
      const overview = await getFleetOverview({ params });
      const { from, to } = labelled(params);
      const [fleet] = await sumsBy(`'fleet'`, from, to);
      expectMetrics(overview.fleet, fleet!, `${name} fleet`);
      const byModel = await sumsBy(`pm."modelId"`, from, to);
      for (const s of byModel)
        expectMetrics(overview.models.find((m) => m.id === s.key)!.metrics, s, `${name} model ${s.key}`, {
          footed: true,
        });
      // The table foots: Σ of its rounded rows is the fleet total, to the cent.
      const rowCents = overview.models.reduce((sum, m) => sum + cents(m.metrics.spendUsd), 0);
      expect(rowCents, `${name} rows foot`).toBe(cents(overview.fleet.spendUsd));
      // A chart's first bucket starts at or before `from`; one starting before it is marked partial.
      const first = overview.series[0]!;
      expect(Date.parse(first.t) <= Date.parse(from), name).toBe(true);
      expect(first.partial === true, `${name} first bucket`).toBe(Date.parse(first.t) < Date.parse(from));
    }
  });

  it("models list and a model's page", async () => {
    for (const { name, params } of windows) {
      const list = await listModels({ params });
      const { from, to } = labelled(params);
      const byModel = await sumsBy(`pm."modelId"`, from, to);
      for (const s of byModel)
        expectMetrics(list.models.find((m) => m.id === s.key)!.metrics, s, `${name} models list ${s.key}`, {
          footed: true,
        });
      const [fleet] = await sumsBy(`'fleet'`, from, to);
      expect(list.totals.spendUsd, `${name} models list total`).toBe(fleet!.spend_usd);
      const rowCents = list.models.reduce((sum, m) => sum + cents(m.metrics.spendUsd), 0);
      expect(rowCents, `${name} models list rows foot`).toBe(cents(list.totals.spendUsd));
      const modelId = byModel[0]!.key;
      const detail = await getModelDetail({ modelId, params });
      expectMetrics(detail.model.metrics, byModel[0]!, `${name} model page ${modelId}`);
      const byPool = await sumsBy(`pm."poolId"`, from, to);
      for (const pool of detail.pools) {
        const [s] = await sql<Sums>(
          `SELECT round(sum(t.spend_usd)::numeric, 2)::text AS spend_usd FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
           WHERE pm."modelId" = $1 AND pm."poolId" = $2 AND t.ts >= $3 AND t.ts < $4`,
          [modelId, pool.id, from, to],
        );
        expect(pool.metrics.spendUsd, `${name} model page ${modelId} pool ${pool.id} spend`).toBe(s!.spend_usd);
      }
      expect(byPool.length).toBeGreaterThan(0);
    }
  });

  it("pools list and a pool's page", async () => {
    for (const { name, params } of windows) {
      const list = await listPools({ params });
      const { from, to } = labelled(params);
      const byPool = await sumsBy(`pm."poolId"`, from, to);
      for (const s of byPool)
        expectMetrics(list.pools.find((p) => p.id === s.key)!.metrics, s, `${name} pools list ${s.key}`);
      const poolId = byPool[byPool.length - 1]!.key;
      const detail = await getPoolDetail({ poolId, params });
      expectMetrics(detail.pool.metrics, byPool[byPool.length - 1]!, `${name} pool page ${poolId}`);
      // The chart's first and last buckets: partial ones hold only their minutes inside the window.
      const step = detail.range.stepSeconds * 1000;
      for (const point of [detail.series[0]!, detail.series.at(-1)!]) {
        const t = Date.parse(point.t);
        const [b] = await sql<{ spend: number; observed: number }>(
          `SELECT sum(t.spend_usd)::float8 AS spend, count(*)::float8 / count(DISTINCT t.series_id) AS observed
           FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
           WHERE pm."poolId" = $1 AND t.ts >= $2 AND t.ts < $3`,
          [poolId, iso(Math.max(t, Date.parse(from))), iso(Math.min(t + step, Date.parse(to)))],
        );
        expectSame(point.spendUsdPerHour, (b!.spend / b!.observed) * 60, `${name} pool ${poolId} bucket ${point.t}`);
        expect(point.partial === true, `${name} bucket ${point.t} partial`).toBe(
          t < Date.parse(from) || t + step > Date.parse(to),
        );
      }
    }
  });

  it("capacity: reserved use over the range, and the commitment's estimate over exactly its start to the data end", async () => {
    for (const { name, params } of windows) {
      const capacity = await getCapacityOverview({ params });
      const { from, to } = labelled(params);
      const [fleet] = await sumsBy(`'fleet'`, from, to);
      expect(capacity.usage.idleReservedUsd, `${name} idle reserved`).toBe(fleet!.idle_usd);
      expectSame(capacity.usage.reservedInstanceHours, fleet!.reserved_minutes / 60, `${name} reserved hours`);
      const [c] = capacity.commitments;
      expect(c!.asOf).toBe(dataEnd.toISOString());
      // No bill here: every day since the start is estimated from telemetry, to the data end.
      expect(c!.billedUntil).toBeNull();
      const [tracked] = await sql<{ usd: number }>(
        `SELECT sum(spend_usd + idle_reserved_usd)::float8 AS usd FROM telemetry_minute WHERE ts >= $1 AND ts < $2`,
        [c!.startAt, c!.asOf],
      );
      // Footed part of burned to date: within a cent of its amount.
      expect(Math.abs(Number(c!.estimatedUsd) - tracked!.usd), "commitment estimate").toBeLessThan(0.01);
    }
  });

  it("month to date on the overview sums the 1st 00:00 UTC to the data end", async () => {
    const overview = await getFleetOverview({ params: { range: "24h" } });
    const end = dataEnd.getTime();
    const monthStart = Date.UTC(dataEnd.getUTCFullYear(), dataEnd.getUTCMonth(), 1);
    expect(overview.onCall.monthToDate.from).toBe(iso(monthStart));
    const [mtd] = await sql<{ spend: string }>(
      `SELECT round(coalesce(sum(spend_usd), 0)::numeric, 2)::text AS spend FROM telemetry_minute WHERE ts >= $1 AND ts < $2`,
      [iso(monthStart), iso(end)],
    );
    expect(overview.onCall.monthToDate.spendUsd, "month-to-date spend").toBe(mtd!.spend);
  });
});
