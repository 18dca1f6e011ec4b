-- AlterTable
ALTER TABLE "telemetry_hourly" ADD COLUMN     "latency_histogram" DOUBLE PRECISION[] DEFAULT ARRAY[]::DOUBLE PRECISION[];

-- AlterTable
ALTER TABLE "telemetry_minute" ADD COLUMN     "latency_histogram" REAL[] DEFAULT ARRAY[]::REAL[];

-- CreateTable
CREATE TABLE "model_latency_minute" (
    "model_id" TEXT NOT NULL,
    "ts" TIMESTAMPTZ(0) NOT NULL,
    "requests" DOUBLE PRECISION NOT NULL,
    "p50_ms" REAL NOT NULL,
    "p95_ms" REAL NOT NULL,
    "p99_ms" REAL NOT NULL,

    CONSTRAINT "model_latency_minute_pkey" PRIMARY KEY ("model_id","ts")
);

-- CreateIndex
CREATE INDEX "model_latency_minute_ts_idx" ON "model_latency_minute" USING BRIN ("ts");

-- AddForeignKey
ALTER TABLE "model_latency_minute" ADD CONSTRAINT "model_latency_minute_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

