// POST /api/pools/:poolId/actions/preview — what a launch or drain would do, from current data (no change made)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { requireRole } from "@/lib/auth/get-request-user";
import { ZPoolActionPreviewRequest } from "@/lib/fleet/actions/action-input";
import { computeActionPreview } from "@/lib/fleet/actions/compute-action-preview";
import { evaluateGuardrails } from "@/lib/fleet/actions/evaluate-guardrails";
import { getGuardrailSettings } from "@/lib/fleet/actions/guardrail-settings";
import { errorResponse, jsonOk, parseInput } from "@/lib/http/handle-route";
import { assertSameOrigin, readJsonBody } from "@/lib/http/request-guards";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";

const PREVIEW_LIMIT_PER_MINUTE = Number(process.env.PREVIEW_RATE_LIMIT_PER_MINUTE ?? 120);

async function handlePost(request: Request, { params }: { params: Promise<{ poolId: string }> }) {
  try {
    // A preview reads AWS and Kubernetes: same-origin callers only, and rate-limited per user.
    assertSameOrigin(request);
    const user = await requireRole(request, "operator");
    await consumeRateLimit({ key: `preview:${user.id}`, limit: PREVIEW_LIMIT_PER_MINUTE, windowSeconds: 60 });
    const { poolId } = await params;
    const input = parseInput(ZPoolActionPreviewRequest, await readJsonBody(request));
    const preview = await computeActionPreview({ poolId, request: input });
    const guardrails = evaluateGuardrails({ preview, overrides: {}, settings: await getGuardrailSettings() });
    return jsonOk({ preview, guardrails });
  } catch (err) {
    return errorResponse(err);
  }
}

export const POST = withRequestMetrics("/api/pools/:poolId/actions/preview", handlePost);
