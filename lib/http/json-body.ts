import "server-only";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

// A JSON body that many viewers share (the same range in the same minute), serialized and
// gzipped once instead of per request: for a large payload those two steps are most of a
// request's CPU. The ETag lets a refetching browser get a 304 instead of the body again.
export type JsonBody = { json: Buffer; gzip: Buffer; etag: string };

export function encodeJsonBody(value: unknown): JsonBody {
  const json = Buffer.from(JSON.stringify(value));
  return { json, gzip: gzipSync(json), etag: `"${createHash("sha1").update(json).digest("base64url")}"` };
}

/** The body as the request accepts it. Next's own compression leaves an encoded response alone. */
export function jsonBodyResponse(request: Request, body: JsonBody): Response {
  // private, no-cache: the browser may keep it but must revalidate every time (it is per-user data).
  const headers: Record<string, string> = { "content-type": "application/json", "cache-control": "private, no-cache", etag: body.etag, vary: "accept-encoding, cookie" };
  if (request.headers.get("if-none-match") === body.etag) return new Response(null, { status: 304, headers });
  const gzip = /\bgzip\b/.test(request.headers.get("accept-encoding") ?? "");
  if (!gzip) return new Response(new Uint8Array(body.json), { headers });
  return new Response(new Uint8Array(body.gzip), { headers: { ...headers, "content-encoding": "gzip" } });
}
