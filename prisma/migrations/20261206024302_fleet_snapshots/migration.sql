-- CreateTable
CREATE TABLE "FleetSnapshot" (
    "id" BIGSERIAL NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "hash" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "fleet" JSONB NOT NULL,

    CONSTRAINT "FleetSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FleetSnapshot_takenAt_idx" ON "FleetSnapshot"("takenAt");

