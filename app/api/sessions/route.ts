// GET /api/sessions — live signed-in sessions (admin)
import { withRequestMetrics } from "@/lib/observability/observe-request";
import { listSessions } from "@/lib/auth/list-sessions";
import { handleRead } from "@/lib/http/handle-read";

async function handleGet(request: Request) {
  return handleRead(request, { role: "admin" }, () => listSessions());
}

export const GET = withRequestMetrics("/api/sessions", handleGet);
