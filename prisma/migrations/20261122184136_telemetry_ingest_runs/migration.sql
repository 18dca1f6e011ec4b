-- CreateTable
CREATE TABLE "TelemetryIngestRun" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3) NOT NULL,
    "fromMinute" TIMESTAMPTZ(0),
    "toMinute" TIMESTAMPTZ(0),
    "pointsWritten" INTEGER NOT NULL,
    "apiRequests" INTEGER NOT NULL DEFAULT 0,
    "metricsRequested" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "TelemetryIngestRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TelemetryIngestRun_source_startedAt_idx" ON "TelemetryIngestRun"("source", "startedAt");

