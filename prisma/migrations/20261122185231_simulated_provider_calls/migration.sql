-- CreateTable
CREATE TABLE "SimulatedProviderCall" (
    "id" SERIAL NOT NULL,
    "poolId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "args" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SimulatedProviderCall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SimulatedProviderCall_poolId_at_idx" ON "SimulatedProviderCall"("poolId", "at");

