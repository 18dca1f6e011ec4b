// GET /api/training/runs/:runId — one training run: figures, finish prediction, its Capacity Block, hourly telemetry (viewer)
import { handleRead } from "@/lib/http/handle-read";
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { parseInput } from "@/lib/parse-input";
import { getTrainingRun } from "@/lib/training/get-training-run";
import { ZTrainingRunIdParam } from "@/lib/training/run-detail-dto";

async function handleGet(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  return handleRead(request, { role: "viewer" }, async () => {
    const runId = parseInput(ZTrainingRunIdParam, (await params).runId);
    return getTrainingRun({ runId });
  });
}

export const GET = withRequestMetrics("/api/training/runs/:runId", handleGet);
