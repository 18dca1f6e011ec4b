-- Latency histograms stored sparse: only the run from the first to the last non-empty bucket, as
-- an array whose lower bound is that first bucket's subscript (bucket k is subscript k + 1, as
-- before). A minute's requests fall in a handful of adjacent buckets, so a REAL[48] of 216 bytes
-- becomes ~12 elements. Reads are unchanged: h[k] outside the run is NULL and sum() skips it,
-- where it used to add 0, so every merged histogram, and every percentile, is the same number.
-- A histogram with no request is NULL; an empty array still marks a minute stored before
-- histograms existed.

-- The sparse form of a histogram (whatever its bounds): NULL without any request, an empty array
-- kept as it is. The values are copied, never recomputed.
CREATE FUNCTION latency_histogram_sparse(h DOUBLE PRECISION[]) RETURNS DOUBLE PRECISION[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  lo int;
  hi int;
  run DOUBLE PRECISION[];
BEGIN
  IF cardinality(h) = 0 THEN
    RETURN h;
  END IF;
  SELECT min(k), max(k) INTO lo, hi FROM generate_subscripts(h, 1) k WHERE h[k] <> 0;
  IF lo IS NULL THEN
    RETURN NULL;
  END IF;
  run[lo:hi] := h[lo:hi];
  RETURN run;
END $$;

-- Rewrites each table (and each day partition) once, without leaving the old rows as dead tuples
-- an UPDATE would; indexes are rebuilt with it.
ALTER TABLE "telemetry_minute" ALTER COLUMN "latency_histogram" TYPE REAL[]
  USING latency_histogram_sparse("latency_histogram"::DOUBLE PRECISION[])::REAL[];
ALTER TABLE "telemetry_hourly" ALTER COLUMN "latency_histogram" TYPE DOUBLE PRECISION[]
  USING latency_histogram_sparse("latency_histogram");
