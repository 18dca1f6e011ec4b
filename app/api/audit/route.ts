// GET /api/audit — audit events, newest first, filtered by actor, pool, action kind, outcome and time range (viewer)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requireRole } from "@/lib/auth/get-request-user";
import { errorResponse, jsonOk, searchParamsObject } from "@/lib/http/handle-route";

async function handleGet(request: Request) {
  try {
    await requireRole(request, "viewer");
    return jsonOk(await listAuditEvents({ query: searchParamsObject(request.url) }));
  } catch (err) {
    return errorResponse(err);
  }
}

export const GET = withRequestMetrics("/api/audit", handleGet);
