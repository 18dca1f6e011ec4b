// GET /api/actions/:actionId — one action with its steps (followed live by the progress view)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { requireRole } from "@/lib/auth/get-request-user";
import { getPoolAction } from "@/lib/fleet/actions/get-pool-action";
import { errorResponse, jsonOk } from "@/lib/http/handle-route";

async function handleGet(request: Request, { params }: { params: Promise<{ actionId: string }> }) {
  try {
    await requireRole(request, "viewer");
    return jsonOk({ action: await getPoolAction({ actionId: (await params).actionId }) });
  } catch (err) {
    return errorResponse(err);
  }
}

export const GET = withRequestMetrics("/api/actions/:actionId", handleGet);
