-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ModelKind" AS ENUM ('llm', 'vlm', 'ranking');

-- CreateEnum
CREATE TYPE "ChipFamily" AS ENUM ('trainium', 'graviton');

-- CreateEnum
CREATE TYPE "BackingKind" AS ENUM ('asg', 'eks_nodegroup', 'karpenter_nodepool');

-- CreateEnum
CREATE TYPE "PoolState" AS ENUM ('active', 'scaling', 'draining', 'idle');

-- CreateEnum
CREATE TYPE "PoolActionKind" AS ENUM ('launch', 'drain');

-- CreateEnum
CREATE TYPE "PoolActionState" AS ENUM ('awaiting_approval', 'pending', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('succeeded', 'refused', 'failed');

-- CreateTable
CREATE TABLE "Model" (
    "id" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "kind" "ModelKind" NOT NULL,
    "sloP95Ms" INTEGER NOT NULL,
    "minServingInstances" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pool" (
    "id" TEXT NOT NULL,
    "chipFamily" "ChipFamily" NOT NULL,
    "instanceType" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "availabilityZone" TEXT NOT NULL,
    "backingKind" "BackingKind" NOT NULL,
    "backingId" TEXT NOT NULL,
    "clusterName" TEXT,
    "minCapacity" INTEGER NOT NULL,
    "desiredCapacity" INTEGER NOT NULL,
    "maxCapacity" INTEGER NOT NULL,
    "state" "PoolState" NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Pool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PoolModel" (
    "id" SERIAL NOT NULL,
    "poolId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,

    CONSTRAINT "PoolModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstancePrice" (
    "instanceType" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "onDemandUsdPerHour" DOUBLE PRECISION NOT NULL,
    "reservedUsdPerHour" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "InstancePrice_pkey" PRIMARY KEY ("instanceType","region")
);

-- CreateTable
CREATE TABLE "CapacityReservation" (
    "id" TEXT NOT NULL,
    "instanceType" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "availabilityZone" TEXT NOT NULL,
    "instanceCount" INTEGER NOT NULL,
    "startAt" TIMESTAMPTZ(3) NOT NULL,
    "endAt" TIMESTAMPTZ(3) NOT NULL,
    "usdPerInstanceHour" DOUBLE PRECISION NOT NULL,
    "poolId" TEXT,

    CONSTRAINT "CapacityReservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Commitment" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "totalUsd" DOUBLE PRECISION NOT NULL,
    "startAt" TIMESTAMPTZ(3) NOT NULL,
    "endAt" TIMESTAMPTZ(3) NOT NULL,
    "priorSpendUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "Commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
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
);

-- CreateTable
CREATE TABLE "telemetry_hourly" (
    "series_id" INTEGER NOT NULL,
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "minutes" INTEGER NOT NULL,
    "instance_minutes" DOUBLE PRECISION NOT NULL,
    "busy_instance_minutes" DOUBLE PRECISION NOT NULL,
    "requests" DOUBLE PRECISION NOT NULL,
    "units" DOUBLE PRECISION NOT NULL,
    "p50_ms_x_requests" DOUBLE PRECISION NOT NULL,
    "p95_ms_x_requests" DOUBLE PRECISION NOT NULL,
    "p99_ms_x_requests" DOUBLE PRECISION NOT NULL,
    "p99_ms_max" REAL NOT NULL,
    "reserved_instance_minutes" DOUBLE PRECISION NOT NULL,
    "spend_usd" DOUBLE PRECISION NOT NULL,
    "idle_reserved_usd" DOUBLE PRECISION NOT NULL,
    "slo_breach_minutes" INTEGER NOT NULL,

    CONSTRAINT "telemetry_hourly_pkey" PRIMARY KEY ("series_id","hour")
);

-- CreateTable
CREATE TABLE "TelemetrySourceState" (
    "source" TEXT NOT NULL,
    "latestMinute" TIMESTAMPTZ(0),
    "lastRunAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMPTZ(3),

    CONSTRAINT "TelemetrySourceState_pkey" PRIMARY KEY ("source")
);

-- CreateTable
CREATE TABLE "PoolAction" (
    "id" TEXT NOT NULL,
    "poolId" TEXT NOT NULL,
    "kind" "PoolActionKind" NOT NULL,
    "count" INTEGER NOT NULL,
    "state" "PoolActionState" NOT NULL DEFAULT 'pending',
    "requestedBy" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "preview" JSONB NOT NULL,
    "error" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PoolAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PoolActionStep" (
    "id" SERIAL NOT NULL,
    "actionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "detail" JSONB,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PoolActionStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "poolId" TEXT,
    "modelId" TEXT,
    "params" JSONB,
    "outcome" "AuditOutcome" NOT NULL,
    "reason" TEXT,
    "message" TEXT,
    "sourceIp" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Pool_region_chipFamily_idx" ON "Pool"("region", "chipFamily");

-- CreateIndex
CREATE INDEX "PoolModel_modelId_idx" ON "PoolModel"("modelId");

-- CreateIndex
CREATE UNIQUE INDEX "PoolModel_poolId_modelId_key" ON "PoolModel"("poolId", "modelId");

-- CreateIndex
CREATE INDEX "CapacityReservation_poolId_idx" ON "CapacityReservation"("poolId");

-- CreateIndex
CREATE INDEX "telemetry_minute_ts_idx" ON "telemetry_minute" USING BRIN ("ts");

-- CreateIndex
CREATE INDEX "telemetry_hourly_hour_idx" ON "telemetry_hourly"("hour");

-- CreateIndex
CREATE UNIQUE INDEX "PoolAction_idempotencyKey_key" ON "PoolAction"("idempotencyKey");

-- CreateIndex
CREATE INDEX "PoolAction_poolId_createdAt_idx" ON "PoolAction"("poolId", "createdAt");

-- CreateIndex
CREATE INDEX "PoolAction_state_idx" ON "PoolAction"("state");

-- CreateIndex
CREATE UNIQUE INDEX "PoolActionStep_actionId_seq_key" ON "PoolActionStep"("actionId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_actor_at_idx" ON "AuditEvent"("actor", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_poolId_at_idx" ON "AuditEvent"("poolId", "at");

-- AddForeignKey
ALTER TABLE "PoolModel" ADD CONSTRAINT "PoolModel_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "Pool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PoolModel" ADD CONSTRAINT "PoolModel_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CapacityReservation" ADD CONSTRAINT "CapacityReservation_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "Pool"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "telemetry_minute" ADD CONSTRAINT "telemetry_minute_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "PoolModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "telemetry_hourly" ADD CONSTRAINT "telemetry_hourly_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "PoolModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PoolAction" ADD CONSTRAINT "PoolAction_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "Pool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PoolActionStep" ADD CONSTRAINT "PoolActionStep_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "PoolAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

