// PostgreSQL's binary COPY format for telemetry_minute rows: numbers go in as IEEE bytes, with no
// float-to-text formatting (which was a quarter of backfill CPU time) and one buffer per batch.
// Layout: signature, flags, header extension; per row a field count, then per field its byte
// length and value (big-endian); a -1 field count ends the stream.
import type { TelemetryMinutePoint } from "@/lib/telemetry/types";

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const PG_EPOCH_MS = 946_684_800_000; // 2000-01-01T00:00:00Z, PostgreSQL's timestamp origin
// series_id int4, ts timestamptz, 7 × float4 (utilization, p50, p95, p99, requests, instances,
// reserved instances), 3 × float8 (units, spend, idle): the column order of COPY_COLUMNS.
const ROW_BYTES = 2 + (4 + 4) + (4 + 8) + 7 * (4 + 4) + 3 * (4 + 8);

export const COPY_COLUMNS = `(series_id, ts, utilization_pct, latency_p50_ms, latency_p95_ms, latency_p99_ms,
  requests, instances, reserved_instances, units, spend_usd, idle_reserved_usd)`;

export type MinuteCosts = { reservedInstances: Float64Array; spendUsd: Float64Array; idleReservedUsd: Float64Array };

/** Encodes points[order[i]] with their costs (indexed like points) as one binary COPY stream. */
export function encodeCopyBinary(points: TelemetryMinutePoint[], costs: MinuteCosts, order: Uint32Array): Buffer {
  const buf = Buffer.allocUnsafe(SIGNATURE.length + 8 + order.length * ROW_BYTES + 2);
  let o = SIGNATURE.copy(buf, 0);
  o = buf.writeInt32BE(0, o); // flags
  o = buf.writeInt32BE(0, o); // header extension length
  const f4 = (v: number) => {
    o = buf.writeInt32BE(4, o);
    o = buf.writeFloatBE(v, o);
  };
  const f8 = (v: number) => {
    o = buf.writeInt32BE(8, o);
    o = buf.writeDoubleBE(v, o);
  };
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const p = points[i]!;
    o = buf.writeInt16BE(12, o);
    o = buf.writeInt32BE(4, o);
    o = buf.writeInt32BE(p.seriesId, o);
    o = buf.writeInt32BE(8, o);
    o = buf.writeBigInt64BE(BigInt(p.ts.getTime() - PG_EPOCH_MS) * 1000n, o);
    f4(p.utilizationPct);
    f4(p.latencyP50Ms);
    f4(p.latencyP95Ms);
    f4(p.latencyP99Ms);
    f4(p.requests);
    f4(p.instances);
    f4(costs.reservedInstances[i]!);
    f8(p.units);
    f8(costs.spendUsd[i]!);
    f8(costs.idleReservedUsd[i]!);
  }
  o = buf.writeInt16BE(-1, o);
  return buf.subarray(0, o);
}
