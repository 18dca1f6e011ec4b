// GET /api/audit/export — every audit event matching the same filters as /api/audit, as a CSV download (viewer)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { exportAuditEventsCsv } from "@/lib/audit/export-audit-events-csv";
import { handleRead } from "@/lib/http/handle-read";

async function handleGet(request: Request) {
  return handleRead(request, { role: "viewer" }, async ({ query }) => {
    const { csv, filename, truncated } = await exportAuditEventsCsv({ query });
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        "x-export-truncated": String(truncated),
      },
    });
  });
}

export const GET = withRequestMetrics("/api/audit/export", handleGet);
