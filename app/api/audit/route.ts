// GET /api/audit — audit events, newest first, filtered by actor, pool, action kind, outcome and time range (viewer)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { handleRead } from "@/lib/http/handle-read";

async function handleGet(request: Request) {
  return handleRead(request, { role: "viewer" }, ({ query }) => listAuditEvents({ query }));
}

export const GET = withRequestMetrics("/api/audit", handleGet);
