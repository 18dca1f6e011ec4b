-- CreateTable
CREATE TABLE "BillingExportFile" (
    "key" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "billingPeriod" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "error" TEXT,
    "ingestedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BillingExportFile_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "BillingLineItem" (
    "id" BIGSERIAL NOT NULL,
    "fileKey" TEXT NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "billingPeriod" TEXT NOT NULL,
    "billingPeriodStart" TIMESTAMPTZ(3) NOT NULL,
    "chargePeriodStart" TIMESTAMPTZ(3) NOT NULL,
    "chargePeriodEnd" TIMESTAMPTZ(3) NOT NULL,
    "chargeCategory" TEXT NOT NULL,
    "chargeDescription" TEXT,
    "serviceName" TEXT NOT NULL,
    "resourceId" TEXT,
    "regionId" TEXT,
    "pricingQuantity" DECIMAL(24,10),
    "listCost" DECIMAL(24,10) NOT NULL,
    "billedCost" DECIMAL(24,10) NOT NULL,
    "effectiveCost" DECIMAL(24,10) NOT NULL,
    "commitmentDiscountId" TEXT,
    "commitmentDiscountStatus" TEXT,
    "capacityReservationId" TEXT,
    "capacityReservationStatus" TEXT,
    "tags" JSONB NOT NULL,
    "poolId" TEXT,
    "mappedBy" TEXT,

    CONSTRAINT "BillingLineItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BillingExportFile_billingPeriod_idx" ON "BillingExportFile"("billingPeriod");

-- CreateIndex
CREATE INDEX "BillingLineItem_billingPeriod_idx" ON "BillingLineItem"("billingPeriod");

-- CreateIndex
CREATE INDEX "BillingLineItem_poolId_chargePeriodStart_idx" ON "BillingLineItem"("poolId", "chargePeriodStart");

-- CreateIndex
CREATE INDEX "BillingLineItem_fileKey_idx" ON "BillingLineItem"("fileKey");

-- AddForeignKey
ALTER TABLE "BillingLineItem" ADD CONSTRAINT "BillingLineItem_fileKey_fkey" FOREIGN KEY ("fileKey") REFERENCES "BillingExportFile"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingLineItem" ADD CONSTRAINT "BillingLineItem_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "Pool"("id") ON DELETE SET NULL ON UPDATE CASCADE;

