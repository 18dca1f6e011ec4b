// GET /api/pools/:poolId/actions — the pool's action history; POST — request a launch or drain (Idempotency-Key header)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { requireRole } from "@/lib/auth/get-request-user";
import { createPoolAction } from "@/lib/fleet/actions/create-pool-action";
import { listPoolActions } from "@/lib/fleet/actions/get-pool-action";
import { loadPool } from "@/lib/fleet/load-pool";
import { handleMutation } from "@/lib/http/handle-mutation";
import { errorResponse, jsonOk } from "@/lib/http/handle-route";

type Params = { params: Promise<{ poolId: string }> };

async function handleGet(request: Request, { params }: Params) {
  try {
    await requireRole(request, "viewer");
    const { poolId } = await params;
    await loadPool(poolId);
    return jsonOk({ actions: await listPoolActions({ poolId }) });
  } catch (err) {
    return errorResponse(err);
  }
}

async function handlePost(request: Request, { params }: Params) {
  const { poolId } = await params;
  return handleMutation(request, { action: "pool.action.request", role: "operator", poolId: poolId.slice(0, 200), status: 201 }, async ({ user, body, meta }) => {
    const { action, replayed } = await createPoolAction({ poolId, body, idempotencyKey: request.headers.get("idempotency-key"), user, meta });
    return { action, replayed };
  });
}

export const GET = withRequestMetrics("/api/pools/:poolId/actions", handleGet);
export const POST = withRequestMetrics("/api/pools/:poolId/actions", handlePost);
