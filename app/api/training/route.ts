// GET /api/training — training runs with their figures, the Capacity Block timeline and iteration velocity (viewer)
import { handleRead } from "@/lib/http/handle-read";
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { getTrainingOverview } from "@/lib/training/get-training-overview";

async function handleGet(request: Request) {
  return handleRead(request, { role: "viewer" }, () => getTrainingOverview());
}

export const GET = withRequestMetrics("/api/training", handleGet);
