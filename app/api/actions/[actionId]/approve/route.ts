// POST /api/actions/:actionId/approve — a second admin approves exactly the reviewed parameters ({ paramsHash })
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { approvePoolAction } from "@/lib/fleet/actions/approve-pool-action";
import { handleMutation } from "@/lib/http/handle-mutation";

async function handlePost(request: Request, { params }: { params: Promise<{ actionId: string }> }) {
  const { actionId } = await params;
  return handleMutation(
    request,
    { action: "action.approve", role: "admin", params: { actionId: actionId.slice(0, 100) } },
    async ({ user, body, meta }) => ({ action: await approvePoolAction({ actionId, body, user, meta }) }),
  );
}

export const POST = withRequestMetrics("/api/actions/:actionId/approve", handlePost);
