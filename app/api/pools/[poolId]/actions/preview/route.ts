// POST /api/pools/:poolId/actions/preview — what a launch or drain would do, from current data (no change made)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { getConfig } from "@/lib/config";
import { previewPoolAction } from "@/lib/fleet/actions/preview-pool-action";
import { handleMutation } from "@/lib/http/handle-mutation";

async function handlePost(request: Request, { params }: { params: Promise<{ poolId: string }> }) {
  const { poolId } = await params;
  // A preview changes nothing (so refusals are not audited) but reads AWS and Kubernetes: the same
  // origin and role checks as a request, with a per-user budget of its own.
  const rateLimit = { bucket: "preview", perMinute: getConfig().PREVIEW_RATE_LIMIT_PER_MINUTE };
  return handleMutation(
    request,
    { action: "pool.action.preview", audit: false, role: "operator", rateLimit },
    async ({ body, user }) => previewPoolAction({ poolId, body, user }),
  );
}

export const POST = withRequestMetrics("/api/pools/:poolId/actions/preview", handlePost);
