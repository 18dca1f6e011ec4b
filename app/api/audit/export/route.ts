// GET /api/audit/export — every audit event matching the same filters as /api/audit, as a CSV download (viewer)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { exportAuditEventsCsv } from "@/lib/audit/export-audit-events-csv";
import { requireRole } from "@/lib/auth/get-request-user";
import { errorResponse, searchParamsObject } from "@/lib/http/handle-route";

async function handleGet(request: Request) {
  try {
    await requireRole(request, "viewer");
    const { csv, filename, truncated } = await exportAuditEventsCsv({ query: searchParamsObject(request.url) });
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        "x-export-truncated": String(truncated),
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}

export const GET = withRequestMetrics("/api/audit/export", handleGet);
