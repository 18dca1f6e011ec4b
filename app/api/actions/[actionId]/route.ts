// GET /api/actions/:actionId — one action with its steps (followed live by the progress view)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { getPoolAction } from "@/lib/fleet/actions/get-pool-action";
import { handleRead } from "@/lib/http/handle-read";

async function handleGet(request: Request, { params }: { params: Promise<{ actionId: string }> }) {
  return handleRead(request, { role: "viewer" }, async () => ({
    action: await getPoolAction({ actionId: (await params).actionId }),
  }));
}

export const GET = withRequestMetrics("/api/actions/:actionId", handleGet);
