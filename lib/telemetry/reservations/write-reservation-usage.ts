import "server-only";
import { getPool } from "@/lib/db";

export type ReservationUsageRow = {
  reservationId: string;
  ts: Date;
  usedInstances: number | null;
  availableInstances: number | null;
  totalInstances: number | null;
};

const ROWS_PER_STATEMENT = 10_000;

/**
 * Upserts rows into reservation_usage_5m in one transaction; returns the rows written. A null
 * never overwrites a stored value (a re-read that misses a datapoint it once had keeps it), and a
 * value always replaces a null (late data). Raw SQL with unnest arrays: a first backfill is
 * 18,144 periods per reservation, which Prisma can only upsert row by row.
 */
export async function writeReservationUsage(rows: ReservationUsageRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      await client.query(
        `INSERT INTO reservation_usage_5m (reservation_id, ts, used_instances, available_instances, total_instances)
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::float8[], $4::float8[], $5::float8[])
         ON CONFLICT (reservation_id, ts) DO UPDATE SET
           used_instances = coalesce(EXCLUDED.used_instances, reservation_usage_5m.used_instances),
           available_instances = coalesce(EXCLUDED.available_instances, reservation_usage_5m.available_instances),
           total_instances = coalesce(EXCLUDED.total_instances, reservation_usage_5m.total_instances)`,
        [
          chunk.map((r) => r.reservationId),
          chunk.map((r) => r.ts),
          chunk.map((r) => r.usedInstances),
          chunk.map((r) => r.availableInstances),
          chunk.map((r) => r.totalInstances),
        ],
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
