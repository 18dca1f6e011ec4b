// POST /api/pools/:poolId/actions/preview — what a launch or drain would do, from current data (no change made)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { getConfig } from "@/lib/config";
import { ZPoolActionPreviewRequest } from "@/lib/fleet/actions/action-input";
import { computeActionPreview } from "@/lib/fleet/actions/compute-action-preview";
import { evaluateGuardrails } from "@/lib/fleet/actions/evaluate-guardrails";
import { getGuardrailSettings } from "@/lib/fleet/actions/guardrail-settings";
import { handleMutation } from "@/lib/http/handle-mutation";
import { parseInput } from "@/lib/parse-input";

async function handlePost(request: Request, { params }: { params: Promise<{ poolId: string }> }) {
  const { poolId } = await params;
  // A preview changes nothing (so refusals are not audited) but reads AWS and Kubernetes: the same
  // origin and role checks as a request, with a per-user budget of its own.
  const rateLimit = { bucket: "preview", perMinute: getConfig().PREVIEW_RATE_LIMIT_PER_MINUTE };
  return handleMutation(
    request,
    { action: "pool.action.preview", audit: false, role: "operator", rateLimit },
    async ({ body }) => {
      const input = parseInput(ZPoolActionPreviewRequest, body);
      const preview = await computeActionPreview({ poolId, request: input });
      const guardrails = evaluateGuardrails({ preview, overrides: {}, settings: await getGuardrailSettings() });
      return { preview, guardrails };
    },
  );
}

export const POST = withRequestMetrics("/api/pools/:poolId/actions/preview", handlePost);
