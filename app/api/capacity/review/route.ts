// GET /api/capacity/review?month=YYYY-MM — the monthly capacity review: per model and chip family vs the previous month, ranked recommendations
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { requireRole } from "@/lib/auth/get-request-user";
import { getCapacityReview } from "@/lib/capacity/get-capacity-review";
import { ZReviewInput } from "@/lib/capacity/review-month";
import { errorResponse, parseInput, searchParamsObject } from "@/lib/http/handle-route";
import { jsonBodyResponse, sharedJsonBody } from "@/lib/http/json-body";

async function handleGet(request: Request) {
  try {
    await requireRole(request, "viewer");
    const input = parseInput(ZReviewInput, searchParamsObject(request.url));
    return jsonBodyResponse(request, sharedJsonBody(await getCapacityReview(input)));
  } catch (err) {
    return errorResponse(err);
  }
}

export const GET = withRequestMetrics("/api/capacity/review", handleGet);
