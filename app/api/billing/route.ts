// GET /api/billing — billed (FOCUS EffectiveCost) vs estimated spend per pool and UTC day, with drift and the export's files
import { getBilledVsEstimated } from "@/lib/billing/get-billed-vs-estimated";
import { ZBillingParams } from "@/lib/billing/billed-vs-estimated-dto";
import { handleRead } from "@/lib/http/handle-read";
import { withRequestMetrics } from "@/lib/observability/observe-request";

async function handleGet(request: Request) {
  return handleRead(request, { role: "viewer", query: ZBillingParams }, ({ query }) =>
    getBilledVsEstimated({ days: query.days }),
  );
}

export const GET = withRequestMetrics("/api/billing", handleGet);
