-- telemetry_minute becomes range-partitioned by ts, one partition per UTC day, so retention drops
-- whole days (lib/telemetry/store/drop-expired-minute-partitions.ts) instead of DELETEing
-- millions of rows, and time-bounded reads prune to the days they touch. Hand-written: Prisma
-- does not model partitioning. Same columns (in the same order: the write path's staging table
-- is LIKE telemetry_minute), primary key and BRIN index, now on the parent so every partition
-- gets them. No DEFAULT partition: creating a partition would have to scan it; the write path
-- creates the days it needs instead (ensure-minute-partitions.ts).

ALTER TABLE "telemetry_minute" RENAME TO "telemetry_minute_unpartitioned";
ALTER TABLE "telemetry_minute_unpartitioned" RENAME CONSTRAINT "telemetry_minute_pkey" TO "telemetry_minute_unpartitioned_pkey";
ALTER INDEX "telemetry_minute_ts_idx" RENAME TO "telemetry_minute_unpartitioned_ts_idx";

CREATE TABLE "telemetry_minute" (
    "series_id" INTEGER NOT NULL,
    "ts" TIMESTAMPTZ(0) NOT NULL,
    "utilization_pct" REAL NOT NULL,
    "latency_p50_ms" REAL NOT NULL,
    "latency_p95_ms" REAL NOT NULL,
    "latency_p99_ms" REAL NOT NULL,
    "requests" REAL NOT NULL,
    "units" DOUBLE PRECISION NOT NULL,
    "instances" REAL NOT NULL,
    "reserved_instances" REAL NOT NULL,
    "spend_usd" DOUBLE PRECISION NOT NULL,
    "idle_reserved_usd" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "telemetry_minute_pkey" PRIMARY KEY ("series_id","ts")
) PARTITION BY RANGE ("ts");

CREATE INDEX "telemetry_minute_ts_idx" ON "telemetry_minute" USING BRIN ("ts");

-- One partition per UTC day from the oldest to the newest stored minute (none on an empty
-- database). Names and bounds as ensure-minute-partitions.ts makes them.
DO $$
DECLARE
  first_day date;
  last_day date;
  d date;
BEGIN
  SELECT min(timezone('UTC', ts))::date, max(timezone('UTC', ts))::date INTO first_day, last_day
    FROM "telemetry_minute_unpartitioned";
  IF first_day IS NULL THEN
    RETURN;
  END IF;
  d := first_day;
  WHILE d <= last_day LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF "telemetry_minute" FOR VALUES FROM (%L) TO (%L)',
      'telemetry_minute_p' || to_char(d, 'YYYYMMDD'), d::text || ' 00:00:00+00', (d + 1)::text || ' 00:00:00+00');
    d := d + 1;
  END LOOP;
END $$;

-- Rows were written in time order (the write path sorts each batch), so a plain scan keeps each
-- day's BRIN ranges tight without sorting tens of millions of rows here.
INSERT INTO "telemetry_minute" SELECT * FROM "telemetry_minute_unpartitioned";

DROP TABLE "telemetry_minute_unpartitioned";
