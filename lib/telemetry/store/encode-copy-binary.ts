// PostgreSQL's binary COPY format for telemetry_minute rows: numbers go in as IEEE bytes, with no
// float-to-text formatting (which was a quarter of backfill CPU time) and one buffer per batch.
// Layout: signature, flags, header extension; per row a field count, then per field its byte
// length and value (big-endian); a -1 field count ends the stream.
import { LATENCY_BUCKETS } from "@/lib/telemetry/latency-histogram";
import { histogramRun } from "@/lib/telemetry/sparse-histogram";
import type { TelemetryMinutePoint } from "@/lib/telemetry/types";

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const PG_EPOCH_MS = 946_684_800_000; // 2000-01-01T00:00:00Z, PostgreSQL's timestamp origin
// series_id int4, ts timestamptz, 7 × float4 (utilization, p50, p95, p99, requests, instances,
// reserved instances), 3 × float8 (units, spend, idle), and the latency histogram as a float4[]
// in its sparse form (lib/telemetry/sparse-histogram.ts: a 20-byte array header whose lower bound
// is the first non-empty bucket, then each element of the run's length and value; NULL without
// requests): the column order of COPY_COLUMNS. ROW_BYTES bounds a row with every field present and
// all 48 buckets in the run; a missing measurement is a NULL (length -1).
const HISTOGRAM_BYTES = 20 + LATENCY_BUCKETS * (4 + 4);
const ROW_BYTES = 2 + (4 + 4) + (4 + 8) + 7 * (4 + 4) + 3 * (4 + 8) + (4 + HISTOGRAM_BYTES);
const FLOAT4_OID = 700;

export const COPY_COLUMNS = `(series_id, ts, utilization_pct, latency_p50_ms, latency_p95_ms, latency_p99_ms,
  requests, instances, reserved_instances, units, spend_usd, idle_reserved_usd, latency_histogram)`;

export type MinuteCosts = { reservedInstances: Float64Array; spendUsd: Float64Array; idleReservedUsd: Float64Array };

// Each field is its byte length then its value. Written through a DataView: the bounds and range
// checks of buf.writeXxxBE, and a BigInt per row for the timestamp, were most of this function's
// time at backfill volume.
function int4(view: DataView, o: number, v: number): number {
  view.setInt32(o, 4);
  view.setInt32(o + 4, v);
  return o + 8;
}
function int8(view: DataView, o: number, v: bigint): number {
  view.setInt32(o, 8);
  view.setBigInt64(o + 4, v);
  return o + 12;
}
function float4(view: DataView, o: number, v: number): number {
  view.setInt32(o, 4);
  view.setFloat32(o + 4, v);
  return o + 8;
}
/** A NULL field is a length of -1 and no value bytes: a row with NULLs is shorter than ROW_BYTES. */
function float4OrNull(view: DataView, o: number, v: number | null): number {
  if (v === null) {
    view.setInt32(o, -1);
    return o + 4;
  }
  return float4(view, o, v);
}
function float8OrNull(view: DataView, o: number, v: number | null): number {
  if (v === null) {
    view.setInt32(o, -1);
    return o + 4;
  }
  return float8(view, o, v);
}
function float8(view: DataView, o: number, v: number): number {
  view.setInt32(o, 8);
  view.setFloat64(o + 4, v);
  return o + 12;
}

/** The sparse float4[] of histograms[i × LATENCY_BUCKETS…]: its run only, or NULL without requests. */
function histogram(view: DataView, o: number, histograms: Float32Array, i: number): number {
  const at = i * LATENCY_BUCKETS;
  const run = histogramRun(histograms, at);
  if (!run) {
    view.setInt32(o, -1);
    return o + 4;
  }
  const length = run.last - run.first + 1;
  view.setInt32(o, 20 + length * (4 + 4));
  view.setInt32(o + 4, 1); // dimensions
  view.setInt32(o + 8, 0); // no nulls
  view.setInt32(o + 12, FLOAT4_OID);
  view.setInt32(o + 16, length);
  view.setInt32(o + 20, run.first + 1); // lower bound: the first non-empty bucket's subscript
  o += 24;
  for (let k = run.first; k <= run.last; k++) o = float4(view, o, histograms[at + k]!);
  return o;
}

/**
 * Encodes points[order[i]] with their costs and latency histograms (indexed like points) as one
 * binary COPY stream.
 */
export function encodeCopyBinary(
  points: TelemetryMinutePoint[],
  costs: MinuteCosts,
  histograms: Float32Array,
  order: Uint32Array,
): Buffer {
  const buf = Buffer.allocUnsafe(SIGNATURE.length + 8 + order.length * ROW_BYTES + 2);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let o = SIGNATURE.copy(buf, 0);
  view.setInt32(o, 0); // flags
  view.setInt32(o + 4, 0); // header extension length
  o += 8;
  // Rows come a minute at a time, all with the same ts: its timestamp (µs since 2000, a BigInt)
  // is converted once per minute rather than once per row.
  let lastTsMs = NaN;
  let tsMicros = 0n;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const p = points[i]!;
    const tsMs = p.ts.getTime();
    if (tsMs !== lastTsMs) {
      tsMicros = BigInt(tsMs - PG_EPOCH_MS) * 1000n;
      lastTsMs = tsMs;
    }
    view.setInt16(o, 13); // field count
    o = int4(view, o + 2, p.seriesId);
    o = int8(view, o, tsMicros);
    o = float4OrNull(view, o, p.utilizationPct);
    o = float4OrNull(view, o, p.latencyP50Ms);
    o = float4OrNull(view, o, p.latencyP95Ms);
    o = float4OrNull(view, o, p.latencyP99Ms);
    o = float4OrNull(view, o, p.requests);
    o = float4(view, o, p.instances);
    o = float4(view, o, costs.reservedInstances[i]!);
    o = float8OrNull(view, o, p.units);
    o = float8(view, o, costs.spendUsd[i]!);
    o = float8(view, o, costs.idleReservedUsd[i]!);
    o = histogram(view, o, histograms, i);
  }
  view.setInt16(o, -1); // end of stream
  return buf.subarray(0, o + 2);
}
