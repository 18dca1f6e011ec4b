// GET /api/<no such route> — a JSON 404 naming the path, instead of the app's HTML 404 page (which
// the API's fixed CSP, default-src 'none', would break in a browser: every script and style refused)
import { AppError } from "@/lib/errors";
import { handleRead } from "@/lib/http/handle-read";
import { withRequestMetrics } from "@/lib/observability/observe-request";

async function handleGet(request: Request) {
  // No role: it reveals nothing but that the address is not an endpoint.
  return handleRead(request, { role: null }, async () => {
    throw new AppError("NOT_FOUND", `no API endpoint ${new URL(request.url).pathname.slice(0, 200)}`);
  });
}

// One metrics label for every unknown path: a label per path would grow without bound.
export const GET = withRequestMetrics("/api/:unknown", handleGet);
