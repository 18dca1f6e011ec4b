// GET /api/metrics — Prometheus text exposition of this process (bearer token when METRICS_TOKEN is set)
import { handleRead } from "@/lib/http/handle-read";
import { renderMetrics } from "@/lib/observability/render-metrics";

export const dynamic = "force-dynamic";

// No session: a scraper has none. renderMetrics checks the bearer token itself.
export async function GET(request: Request) {
  return handleRead(request, { role: null }, async () => {
    const metrics = await renderMetrics({ authorization: request.headers.get("authorization") });
    return new Response(metrics.body, {
      headers: { "content-type": metrics.contentType, "cache-control": "no-store" },
    });
  });
}
