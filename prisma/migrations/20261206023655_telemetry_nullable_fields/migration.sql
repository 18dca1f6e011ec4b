-- AlterTable
ALTER TABLE "TelemetryIngestRun" ADD COLUMN     "pointsChanged" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pointsReread" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "telemetry_hourly" ADD COLUMN     "latency_requests" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "request_minutes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unit_minutes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "utilization_instance_minutes" DOUBLE PRECISION NOT NULL DEFAULT 0,
ALTER COLUMN "p99_ms_max" DROP NOT NULL;

-- AlterTable
ALTER TABLE "telemetry_minute" ALTER COLUMN "utilization_pct" DROP NOT NULL,
ALTER COLUMN "latency_p50_ms" DROP NOT NULL,
ALTER COLUMN "latency_p95_ms" DROP NOT NULL,
ALTER COLUMN "latency_p99_ms" DROP NOT NULL,
ALTER COLUMN "requests" DROP NOT NULL,
ALTER COLUMN "units" DROP NOT NULL;

-- Rollups written before this migration summed minutes that all had every field (missing data was
-- filled in then), so each denominator is the whole hour's.
UPDATE "telemetry_hourly" SET "utilization_instance_minutes" = "instance_minutes", "request_minutes" = "minutes",
  "unit_minutes" = "minutes", "latency_requests" = "requests";
