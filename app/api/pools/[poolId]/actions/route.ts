// GET /api/pools/:poolId/actions — the pool's action history; POST — request a launch or drain (Idempotency-Key header)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { createPoolAction } from "@/lib/fleet/actions/create-pool-action";
import { listPoolActions } from "@/lib/fleet/actions/get-pool-action";
import { loadPool } from "@/lib/fleet/load-pool";
import { handleMutation } from "@/lib/http/handle-mutation";
import { handleRead } from "@/lib/http/handle-read";

type Params = { params: Promise<{ poolId: string }> };

async function handleGet(request: Request, { params }: Params) {
  return handleRead(request, { role: "viewer" }, async () => {
    const { poolId } = await params;
    await loadPool(poolId);
    return { actions: await listPoolActions({ poolId }) };
  });
}

async function handlePost(request: Request, { params }: Params) {
  const { poolId } = await params;
  return handleMutation(
    request,
    { action: "pool.action.request", role: "operator", poolId: poolId.slice(0, 200), status: 201 },
    async ({ user, body, meta }) => {
      const { action, replayed } = await createPoolAction({
        poolId,
        body,
        idempotencyKey: request.headers.get("idempotency-key"),
        user,
        meta,
      });
      return { action, replayed };
    },
  );
}

export const GET = withRequestMetrics("/api/pools/:poolId/actions", handleGet);
export const POST = withRequestMetrics("/api/pools/:poolId/actions", handlePost);
