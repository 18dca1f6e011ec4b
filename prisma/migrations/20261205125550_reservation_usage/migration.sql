-- AlterTable
ALTER TABLE "TelemetryIngestRun" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'minutes';

-- CreateTable
CREATE TABLE "reservation_usage_5m" (
    "reservation_id" TEXT NOT NULL,
    "ts" TIMESTAMPTZ(0) NOT NULL,
    "used_instances" DOUBLE PRECISION,
    "available_instances" DOUBLE PRECISION,
    "total_instances" DOUBLE PRECISION,

    CONSTRAINT "reservation_usage_5m_pkey" PRIMARY KEY ("reservation_id","ts")
);

-- AddForeignKey
ALTER TABLE "reservation_usage_5m" ADD CONSTRAINT "reservation_usage_5m_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "CapacityReservation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

