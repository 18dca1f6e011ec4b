-- AlterTable
ALTER TABLE "CapacityReservation" ADD COLUMN     "availableInstanceCount" INTEGER,
ADD COLUMN     "instanceMatchCriteria" TEXT NOT NULL DEFAULT 'open',
ADD COLUMN     "inventoryScope" TEXT,
ADD COLUMN     "reservationType" TEXT NOT NULL DEFAULT 'default',
ADD COLUMN     "retiredAt" TIMESTAMPTZ(3),
ADD COLUMN     "state" TEXT NOT NULL DEFAULT 'active',
ALTER COLUMN "endAt" DROP NOT NULL;

-- AlterTable
ALTER TABLE "InstancePrice" ADD COLUMN     "readAt" TIMESTAMPTZ(3),
ADD COLUMN     "sku" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'simulated';

-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "cloudwatchDimension" TEXT,
ADD COLUMN     "labelValue" TEXT,
ADD COLUMN     "retiredAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Pool" ADD COLUMN     "inventoryScope" TEXT,
ADD COLUMN     "retiredAt" TIMESTAMPTZ(3),
ADD COLUMN     "sourceKey" TEXT;

-- CreateTable
CREATE TABLE "InstanceTypeInfo" (
    "instanceType" TEXT NOT NULL,
    "chipFamily" "ChipFamily",
    "architectures" TEXT[],
    "vcpus" INTEGER NOT NULL,
    "memoryMib" INTEGER NOT NULL,
    "neuronDevices" INTEGER NOT NULL,
    "neuronCoresPerDevice" INTEGER NOT NULL,
    "acceleratorName" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "InstanceTypeInfo_pkey" PRIMARY KEY ("instanceType")
);

-- CreateTable
CREATE TABLE "InventoryScopeState" (
    "scope" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "lastSyncAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSuccessAt" TIMESTAMPTZ(3),
    "error" TEXT,
    "apiCalls" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "InventoryScopeState_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "InventorySyncRun" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3) NOT NULL,
    "apiCalls" INTEGER NOT NULL,
    "changes" INTEGER NOT NULL,
    "problems" JSONB NOT NULL,
    "error" TEXT,

    CONSTRAINT "InventorySyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InventorySyncRun_startedAt_idx" ON "InventorySyncRun"("startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Pool_sourceKey_key" ON "Pool"("sourceKey");


-- Before the inventory sync, the only way pools entered a database was the simulated fleet's seed:
-- give those pools the source key the simulated inventory source reports, so its first sync
-- recognises them instead of discovering a second copy.
UPDATE "Pool" SET "sourceKey" = 'sim/' || "id", "inventoryScope" = 'simulated' WHERE "sourceKey" IS NULL;
UPDATE "CapacityReservation" SET "inventoryScope" = 'simulated' WHERE "inventoryScope" IS NULL;
