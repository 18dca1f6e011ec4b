// POST /api/actions/:actionId/cancel — cancel a launch or drain (stops before its next provider call)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { cancelPoolAction } from "@/lib/fleet/actions/cancel-pool-action";
import { handleMutation } from "@/lib/http/handle-mutation";

async function handlePost(request: Request, { params }: { params: Promise<{ actionId: string }> }) {
  const { actionId } = await params;
  return handleMutation(
    request,
    { action: "action.cancel", role: "operator", params: { actionId: actionId.slice(0, 100) } },
    async ({ user, meta }) => ({ action: await cancelPoolAction({ actionId, user, meta }) }),
  );
}

export const POST = withRequestMetrics("/api/actions/:actionId/cancel", handlePost);
