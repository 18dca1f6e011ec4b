// GET /api/actions — every pool's actions, newest first, filtered by ?state=&pool=&kind= (viewer)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { listActions } from "@/lib/fleet/actions/list-actions";
import { handleRead } from "@/lib/http/handle-read";

async function handleGet(request: Request) {
  return handleRead(request, { role: "viewer" }, ({ query }) => listActions({ query }));
}

export const GET = withRequestMetrics("/api/actions", handleGet);
