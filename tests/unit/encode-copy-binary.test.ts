import { describe, expect, it } from "vitest";
import { LATENCY_BUCKETS } from "@/lib/telemetry/latency-histogram";
import { encodeCopyBinary, type MinuteCosts } from "@/lib/telemetry/store/encode-copy-binary";
import type { TelemetryMinutePoint } from "@/lib/telemetry/types";

const PG_EPOCH_MS = Date.parse("2000-01-01T00:00:00Z");
const f32 = Math.fround;

const point = (seriesId: number, ts: string, v: number): TelemetryMinutePoint => ({
  seriesId,
  poolId: "p",
  ts: new Date(ts),
  utilizationPct: v,
  latencyP50Ms: v + 0.1,
  latencyP95Ms: v + 0.2,
  latencyP99Ms: v + 0.3,
  requests: v * 10,
  units: v * 1e9 + 0.123456789,
  instances: v / 3,
});

/** Reads a stream back with Buffer's own readers, field by field. */
function decode(buf: Buffer, sparse: Array<{ lower: number; n: number }> = []) {
  expect(buf.subarray(0, 11).toString("latin1")).toBe("PGCOPY\n\xff\r\n\0");
  expect([buf.readInt32BE(11), buf.readInt32BE(15)]).toEqual([0, 0]);
  let o = 19;
  const rows: (number | number[] | null)[][] = [];
  for (;;) {
    const fields = buf.readInt16BE(o);
    o += 2;
    if (fields === -1) break;
    const row: (number | number[] | null)[] = [];
    for (let f = 0; f < fields; f++) {
      const len = buf.readInt32BE(o);
      o += 4;
      if (len === -1) row.push(null);
      else if (f === 12) {
        // float4[]: dimensions, has-nulls, element type, length, lower bound, then the elements:
        // the sparse run from subscript `lower` (bucket lower − 1), read back into all 48 buckets.
        const [dims, nulls, oid, n, lower] = [0, 4, 8, 12, 16].map((d) => buf.readInt32BE(o + d));
        expect([dims, nulls, oid]).toEqual([1, 0, 700]);
        expect(len).toBe(20 + n! * 8);
        expect(lower! >= 1 && lower! - 1 + n! <= LATENCY_BUCKETS).toBe(true);
        const full = new Array<number>(LATENCY_BUCKETS).fill(0);
        for (let k = 0; k < n!; k++) full[lower! - 1 + k] = buf.readFloatBE(o + 20 + k * 8 + 4);
        sparse.push({ lower: lower!, n: n! });
        row.push(full);
      } else if (f === 1) row.push(Number(buf.readBigInt64BE(o)));
      else if (len === 4) row.push(f === 0 ? buf.readInt32BE(o) : buf.readFloatBE(o));
      else row.push(buf.readDoubleBE(o));
      o += Math.max(len, 0);
    }
    rows.push(row);
  }
  expect(o).toBe(buf.length);
  return rows;
}

describe("encodeCopyBinary", () => {
  it("writes rows in the given order, with each row's own timestamp, costs and exact values", () => {
    // Two rows share a minute, one is a minute later and one is before PostgreSQL's epoch.
    const points = [
      point(7, "2026-11-16T10:00:00Z", 42.37),
      point(8, "2026-11-16T10:00:00Z", -3.5),
      point(2147483647, "2026-11-16T10:01:00Z", 0),
      point(-1, "1999-12-31T23:59:00Z", 1e-7),
      // No datapoint for utilization, latency, requests or units: NULL fields (length -1), not 0.
      {
        ...point(9, "2026-11-16T10:02:00Z", 5),
        utilizationPct: null,
        latencyP50Ms: null,
        latencyP95Ms: null,
        latencyP99Ms: null,
        requests: null,
        units: null,
      },
    ];
    const costs: MinuteCosts = {
      reservedInstances: Float64Array.of(1.5, -2, 0, 7 / 3, 4),
      spendUsd: Float64Array.of(0.1, -0.25, 1e12 / 7, 0, 3),
      idleReservedUsd: Float64Array.of(-0, 2 / 3, 5, -1e-300, 1),
    };
    const histograms = Float32Array.from({ length: 5 * LATENCY_BUCKETS }, (_, j) => j * 1.5);
    const order = Uint32Array.of(3, 0, 4, 2, 1);
    const rows = decode(encodeCopyBinary(points, costs, histograms, order));
    expect(rows).toEqual(
      [...order].map((i) => {
        const p = points[i]!;
        const f = (v: number | null) => (v === null ? null : Math.fround(v));
        return [
          p.seriesId,
          (p.ts.getTime() - PG_EPOCH_MS) * 1000,
          f(p.utilizationPct),
          f(p.latencyP50Ms),
          f(p.latencyP95Ms),
          f(p.latencyP99Ms),
          f(p.requests),
          f(p.instances),
          f(costs.reservedInstances[i]!),
          p.units,
          costs.spendUsd[i],
          costs.idleReservedUsd[i],
          Array.from({ length: LATENCY_BUCKETS }, (_, k) => (i * LATENCY_BUCKETS + k) * 1.5),
        ];
      }),
    );
    expect(rows[0]![1]).toBe(-60_000_000);
    expect(rows[2]!.slice(2, 10)).toEqual([null, null, null, null, null, f32(5 / 3), 4, null]);
  });

  it("stores a histogram as its run of non-empty buckets, and none without requests as NULL", () => {
    const points = [point(1, "2026-11-16T10:00:00Z", 1), point(2, "2026-11-16T10:00:00Z", 2)];
    const costs: MinuteCosts = {
      reservedInstances: Float64Array.of(0, 0),
      spendUsd: Float64Array.of(0, 0),
      idleReservedUsd: Float64Array.of(0, 0),
    };
    // Point 0: requests in buckets 5, 6 and 8 (an empty bucket inside the run is kept); point 1: none.
    const histograms = new Float32Array(2 * LATENCY_BUCKETS);
    histograms.set([3, 0.25], 5);
    histograms[8] = 7;
    const sparse: Array<{ lower: number; n: number }> = [];
    const rows = decode(encodeCopyBinary(points, costs, histograms, Uint32Array.of(0, 1)), sparse);
    expect(sparse).toEqual([{ lower: 6, n: 4 }]);
    expect(rows[0]![12]).toEqual(Array.from({ length: LATENCY_BUCKETS }, (_, k) => ({ 5: 3, 6: 0.25, 8: 7 })[k] ?? 0));
    expect(rows[1]![12]).toBeNull();
  });

  it("encodes no rows as just the header and the end marker", () => {
    const empty: MinuteCosts = {
      reservedInstances: new Float64Array(0),
      spendUsd: new Float64Array(0),
      idleReservedUsd: new Float64Array(0),
    };
    expect(decode(encodeCopyBinary([], empty, new Float32Array(0), new Uint32Array(0)))).toEqual([]);
  });
});
