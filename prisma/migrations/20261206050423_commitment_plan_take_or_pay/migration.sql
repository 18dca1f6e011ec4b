-- AlterTable
ALTER TABLE "Commitment" ADD COLUMN     "takeOrPay" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "yearlyPlanUsd" JSONB;

