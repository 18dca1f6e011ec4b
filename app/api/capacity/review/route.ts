// GET /api/capacity/review?month=YYYY-MM — the monthly capacity review: per model and chip family vs the previous month, ranked recommendations
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { getCapacityReview } from "@/lib/capacity/get-capacity-review";
import { ZReviewInput } from "@/lib/capacity/review-month";
import { handleRead } from "@/lib/http/handle-read";
import { jsonBodyResponse, sharedJsonBody } from "@/lib/http/json-body";

async function handleGet(request: Request) {
  return handleRead(request, { role: "viewer", query: ZReviewInput }, async ({ query }) =>
    jsonBodyResponse(request, sharedJsonBody(await getCapacityReview(query))),
  );
}

export const GET = withRequestMetrics("/api/capacity/review", handleGet);
