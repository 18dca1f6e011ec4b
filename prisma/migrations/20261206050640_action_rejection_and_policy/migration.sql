-- AlterEnum
ALTER TYPE "PoolActionState" ADD VALUE 'rejected';

-- AlterTable
ALTER TABLE "ActionApproval" ADD COLUMN     "comment" TEXT;

-- AlterTable
ALTER TABLE "PoolAction" ADD COLUMN     "rejectedAt" TIMESTAMPTZ(3),
ADD COLUMN     "rejectedBy" TEXT,
ADD COLUMN     "rejectionComment" TEXT,
ADD COLUMN     "requestedRole" TEXT NOT NULL DEFAULT 'operator';

-- CreateIndex
CREATE INDEX "PoolAction_createdAt_idx" ON "PoolAction"("createdAt");

