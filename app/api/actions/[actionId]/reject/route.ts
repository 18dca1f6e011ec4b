// POST /api/actions/:actionId/reject — an admin other than the requester turns the action down ({ paramsHash, comment })
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { rejectPoolAction } from "@/lib/fleet/actions/reject-pool-action";
import { handleMutation } from "@/lib/http/handle-mutation";

async function handlePost(request: Request, { params }: { params: Promise<{ actionId: string }> }) {
  const { actionId } = await params;
  return handleMutation(
    request,
    { action: "action.reject", role: "admin", params: { actionId: actionId.slice(0, 100) } },
    async ({ user, body, meta }) => ({ action: await rejectPoolAction({ actionId, body, user, meta }) }),
  );
}

export const POST = withRequestMetrics("/api/actions/:actionId/reject", handlePost);
