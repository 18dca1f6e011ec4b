-- DropIndex
DROP INDEX "PoolAction_state_idx";

-- AlterTable
ALTER TABLE "PoolAction" ADD COLUMN     "approvalDeadline" TIMESTAMPTZ(3),
ADD COLUMN     "approvalReasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "lockedBy" TEXT,
ADD COLUMN     "lockedUntil" TIMESTAMPTZ(3),
ADD COLUMN     "nextRunAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "overrides" JSONB;

-- AlterTable
ALTER TABLE "PoolActionStep" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ActionApproval" (
    "id" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "approvedBy" TEXT NOT NULL,
    "paramsHash" TEXT NOT NULL,
    "approvedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ActionApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(0) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SimulatedInstance" (
    "id" TEXT NOT NULL,
    "poolId" TEXT NOT NULL,
    "nodeName" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "cordoned" BOOLEAN NOT NULL DEFAULT false,
    "launchedAt" TIMESTAMPTZ(3) NOT NULL,
    "readyAt" TIMESTAMPTZ(3) NOT NULL,
    "terminatedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SimulatedInstance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimulatedPod" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "daemonSet" BOOLEAN NOT NULL DEFAULT false,
    "pdbName" TEXT,
    "pdbBlocksUntil" TIMESTAMPTZ(3),
    "evictedAt" TIMESTAMPTZ(3),
    "goneAt" TIMESTAMPTZ(3),

    CONSTRAINT "SimulatedPod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimulatedFault" (
    "id" SERIAL NOT NULL,
    "poolId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SimulatedFault_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ActionApproval_actionId_idx" ON "ActionApproval"("actionId");

-- CreateIndex
CREATE INDEX "SimulatedInstance_poolId_state_idx" ON "SimulatedInstance"("poolId", "state");

-- CreateIndex
CREATE INDEX "SimulatedPod_instanceId_idx" ON "SimulatedPod"("instanceId");

-- CreateIndex
CREATE INDEX "SimulatedFault_poolId_idx" ON "SimulatedFault"("poolId");

-- CreateIndex
CREATE INDEX "PoolAction_state_nextRunAt_idx" ON "PoolAction"("state", "nextRunAt");

-- AddForeignKey
ALTER TABLE "ActionApproval" ADD CONSTRAINT "ActionApproval_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "PoolAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SimulatedPod" ADD CONSTRAINT "SimulatedPod_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "SimulatedInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Audit rows are append-only: the database refuses UPDATE and DELETE, whatever the app does.
CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
