-- CreateEnum
CREATE TYPE "TrainingOutcome" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "TrainingProgressState" AS ENUM ('progressing', 'restarting', 'checkpoint_reload', 'waiting');

-- CreateTable
CREATE TABLE "TrainingRun" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "pools" TEXT[],
    "instanceType" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "instances" INTEGER NOT NULL,
    "neuronCores" INTEGER NOT NULL,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "firstStepAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "outcome" "TrainingOutcome" NOT NULL,
    "restarts" INTEGER NOT NULL DEFAULT 0,
    "targetTokens" DOUBLE PRECISION NOT NULL,
    "checkpointWriteSeconds" INTEGER,
    "capacityReservationId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TrainingRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_run_minute" (
    "run_id" TEXT NOT NULL,
    "ts" TIMESTAMPTZ(0) NOT NULL,
    "state" "TrainingProgressState" NOT NULL,
    "neuroncore_utilization_pct" REAL,
    "tokens_per_second" DOUBLE PRECISION,
    "step_time_ms" REAL,

    CONSTRAINT "training_run_minute_pkey" PRIMARY KEY ("run_id","ts")
);

-- CreateIndex
CREATE UNIQUE INDEX "TrainingRun_sourceKey_key" ON "TrainingRun"("sourceKey");

-- CreateIndex
CREATE INDEX "TrainingRun_queuedAt_idx" ON "TrainingRun"("queuedAt");

-- CreateIndex
CREATE INDEX "TrainingRun_capacityReservationId_idx" ON "TrainingRun"("capacityReservationId");

-- AddForeignKey
ALTER TABLE "TrainingRun" ADD CONSTRAINT "TrainingRun_capacityReservationId_fkey" FOREIGN KEY ("capacityReservationId") REFERENCES "CapacityReservation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_run_minute" ADD CONSTRAINT "training_run_minute_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "TrainingRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

