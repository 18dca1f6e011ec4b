import "server-only";
import type { JsonBody } from "@/lib/cache/shared-json-body";

// Bodies are serialized (and shared) in lib/cache, where domain code may reach them; route handlers keep importing them here.
export { encodeJsonBody, sharedJsonBody, type JsonBody } from "@/lib/cache/shared-json-body";

// Compression stays with `next start`: it strips a Content-Encoding set by a route handler, so a
// body gzipped here would reach the browser undeclared (or gzipped twice).

export function jsonBodyResponse(request: Request, body: JsonBody): Response {
  // private, no-cache: the browser may keep it but must revalidate every time (it is per-user data).
  const headers = { "content-type": "application/json", "cache-control": "private, no-cache", etag: body.etag };
  if (request.headers.get("if-none-match") === body.etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(body.json), { headers });
}
