// GET /api/health — database reachability and telemetry lag (503 only when the database is down)
import { getHealth } from "@/lib/health/get-health";
import { errorResponse, jsonOk } from "@/lib/http/handle-route";

export async function GET() {
  try {
    const health = await getHealth();
    return jsonOk(health, { status: health.status === "down" ? 503 : 200 });
  } catch (err) {
    return errorResponse(err);
  }
}
