// A backfill loads a chunk's rows while the chunk before it is still being indexed and committed
// (writeMinuteBatch's `after`). These tests hold that overlap to the promises the watermark makes:
// a chunk commits only after its predecessor, a chunk whose predecessor failed leaves nothing
// behind, and a backfill that fails part-way stops at the last stored chunk and resumes from there.
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { listSeries } from "@/lib/telemetry/list-series";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { PARTITION_DDL_LOCK } from "@/lib/telemetry/store/ensure-minute-partitions";
import { getSourceState } from "@/lib/telemetry/store/source-state";
import { prepareMinuteBatch } from "@/lib/telemetry/store/prepare-minute-batch";
import { writeMinuteBatch } from "@/lib/telemetry/store/write-minute-points";
import type { SeriesRef, TelemetrySource } from "@/lib/telemetry/types";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const simulated = createSimulatedTelemetrySource({ seed: 5 });
let series: SeriesRef[] = [];
const at = (iso: string) => new Date(iso);

async function batchFor(from: string, to: string) {
  return prepareMinuteBatch((await simulated.fetchMinutes({ series, from: at(from), to: at(to) })).points);
}

/** Daily partitions of telemetry_minute, and any load table a write left behind. */
async function tables(): Promise<{ partitions: string[]; loadTables: string[] }> {
  const { rows } = await getPool().query<{ name: string; attached: boolean }>(
    `SELECT c.relname AS name, EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid) AS attached
     FROM pg_class c WHERE c.relkind = 'r' AND c.relname LIKE 'telemetry_minute_p%' ORDER BY 1`,
  );
  return {
    partitions: rows.filter((r) => r.attached).map((r) => r.name),
    loadTables: rows.filter((r) => !r.attached).map((r) => r.name),
  };
}

const minuteRows = async (from: string, to: string) =>
  (
    await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM telemetry_minute WHERE ts >= $1 AND ts < $2`, [
      from,
      to,
    ])
  ).rows[0]!.n;

/** Resolves once some connection has COPY'd and sits idle in its transaction: a write that loaded its rows and now waits. */
async function untilLoadedAndWaiting(): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await getPool().query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND query LIKE 'COPY %'`,
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("no write loaded its rows and waited");
}

/**
 * The simulated fleet's `series` only; the chunk starting at `repeatPointOn` has its first point
 * twice, and `onFetched` hears which chunks were returned.
 */
function fewSeriesSource(opts: { repeatPointOn?: string; onFetched?: (from: Date) => void }): TelemetrySource {
  return {
    name: "simulated",
    async fetchMinutes(args) {
      const chosen = new Set(series.map((s) => s.seriesId));
      const fetched = await simulated.fetchMinutes({
        ...args,
        series: args.series.filter((s) => chosen.has(s.seriesId)),
      });
      const repeat =
        opts.repeatPointOn && args.from.getTime() === at(opts.repeatPointOn).getTime() ? [fetched.points[0]!] : [];
      opts.onFetched?.(args.from);
      return { ...fetched, points: [...fetched.points, ...repeat] };
    },
  };
}

beforeAll(async () => {
  await seedSimulatedFleet({ now: at("2026-11-01T00:00:00Z") });
  // A few series keep each simulated day small.
  series = (await listSeries()).slice(0, 4);
});

describe("pipelined backfill writes", () => {
  it("a batch loads while its predecessor is in flight but commits only after it", async () => {
    const batch = await batchFor("2026-11-03T00:00:00Z", "2026-11-03T02:00:00Z");
    let release!: () => void;
    const predecessor = new Promise<void>((resolve) => (release = resolve));
    let settled = false;
    const write = writeMinuteBatch({ source: "pipe", batch, after: predecessor }).finally(() => (settled = true));

    await untilLoadedAndWaiting();
    expect(settled).toBe(false);
    expect((await tables()).partitions).not.toContain("telemetry_minute_p20261103");
    expect(await getSourceState("pipe")).toBeNull();

    release();
    expect(await write).toEqual({ written: batch.points.length, reread: 0, changed: 0 });
    expect(await minuteRows("2026-11-03", "2026-11-04")).toBe(batch.points.length);
    expect(await tables()).toMatchObject({
      partitions: expect.arrayContaining(["telemetry_minute_p20261103"]),
      loadTables: [],
    });
    expect((await getSourceState("pipe"))?.latestMinute).toEqual(at("2026-11-03T01:59:00Z"));
  });

  it("a batch whose predecessor failed fails with its error and leaves no partition, rows, rollups or watermark", async () => {
    const batch = await batchFor("2026-11-05T00:00:00Z", "2026-11-05T01:00:00Z");
    let fail!: (err: Error) => void;
    const predecessor = new Promise<void>((_, reject) => (fail = reject));
    const write = writeMinuteBatch({ source: "pipe-failed", batch, after: predecessor });

    await untilLoadedAndWaiting();
    fail(new Error("previous chunk failed"));
    await expect(write).rejects.toThrow("previous chunk failed");

    expect(await tables()).toMatchObject({
      partitions: expect.not.arrayContaining(["telemetry_minute_p20261105"]),
      loadTables: [],
    });
    expect(await minuteRows("2026-11-05", "2026-11-06")).toBe(0);
    const rollups = await getPool().query(
      `SELECT count(*)::int AS n FROM telemetry_hourly WHERE hour >= '2026-11-05' AND hour < '2026-11-06'`,
    );
    expect(rollups.rows[0].n).toBe(0);
    expect(await getSourceState("pipe-failed")).toBeNull();
  });

  it("a backfill whose second day fails keeps the first, stores nothing after it, and resumes from the failed day", async () => {
    // The chunk for 2026-11-08 repeats a point: that day's primary key cannot be built, so its
    // write fails. Holding the partition lock until the last day is fetched stalls the first
    // day's commit, so the last day's write is surely under way when the second day's fails.
    const holder = await getPool().connect();
    await holder.query("BEGIN");
    await holder.query("SELECT pg_advisory_xact_lock($1)", [PARTITION_DDL_LOCK]);
    let lastDayFetched!: () => void;
    const fetchedLastDay = new Promise<void>((resolve) => (lastDayFetched = resolve));
    const source = fewSeriesSource({
      repeatPointOn: "2026-11-08T00:00:00Z",
      onFetched: (from) => from.getTime() === at("2026-11-09T00:00:00Z").getTime() && lastDayFetched(),
    });
    const now = at("2026-11-10T00:00:00Z");
    const run = runIngest({ source, backfillDays: 3, now, chunkMinutes: 1440 });
    await fetchedLastDay;
    await holder.query("COMMIT");
    holder.release();
    const failed = await run;

    expect(failed.error).toMatch(/duplicate key|could not create unique index/);
    expect(failed.written).toBe(1440 * series.length);
    expect((await getSourceState("simulated"))?.latestMinute).toEqual(at("2026-11-07T23:59:00Z"));
    expect(await minuteRows("2026-11-07", "2026-11-10")).toBe(1440 * series.length);
    expect(await tables()).toMatchObject({
      partitions: expect.not.arrayContaining(["telemetry_minute_p20261108", "telemetry_minute_p20261109"]),
      loadTables: [],
    });
    const lastRollup = await getPool().query(
      `SELECT max(hour) AS hour FROM telemetry_hourly WHERE hour >= '2026-11-07'`,
    );
    expect(lastRollup.rows[0].hour).toEqual(at("2026-11-07T23:00:00Z"));

    const resumed = await runIngest({ source: fewSeriesSource({}), backfillDays: 3, now, chunkMinutes: 1440 });
    expect(resumed).toMatchObject({ from: at("2026-11-08T00:00:00Z"), written: 2 * 1440 * series.length });
    expect(resumed.error).toBeUndefined();
    expect(await minuteRows("2026-11-07", "2026-11-10")).toBe(3 * 1440 * series.length);
    expect((await getSourceState("simulated"))?.latestMinute).toEqual(at("2026-11-09T23:59:00Z"));
  });
});
