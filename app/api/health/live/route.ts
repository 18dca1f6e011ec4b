// GET /api/health/live — liveness: the server process answers (never touches the database)
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
