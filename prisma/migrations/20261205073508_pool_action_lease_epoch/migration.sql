-- AlterTable
ALTER TABLE "PoolAction" ADD COLUMN     "leaseEpoch" INTEGER NOT NULL DEFAULT 0;

