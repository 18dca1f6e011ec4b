-- DropForeignKey
ALTER TABLE "telemetry_minute" DROP CONSTRAINT "telemetry_minute_series_id_fkey";

