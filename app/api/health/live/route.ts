// GET /api/health/live — liveness: the server process answers (never touches the database)
import { handleRead } from "@/lib/http/handle-read";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleRead(request, { role: null }, async () => ({ status: "ok" }));
}
