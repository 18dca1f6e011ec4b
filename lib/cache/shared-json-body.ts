import "server-only";
import { createHash } from "node:crypto";

// A JSON body that many viewers share (the same range in the same minute), serialized once
// instead of per request. The ETag lets a refetching browser get a 304 instead of the body again.
// It lives here, not in lib/http, because domain code (the overview warmer) serializes ahead of
// any request; lib/http/json-body.ts turns it into a response.
export type JsonBody = { json: Buffer; etag: string };

export function encodeJsonBody(value: unknown): JsonBody {
  const json = Buffer.from(JSON.stringify(value));
  return { json, etag: `"${createHash("sha1").update(json).digest("base64url")}"` };
}

const shared = new WeakMap<object, JsonBody>();

/**
 * The body of a value every viewer shares until its data changes (a cached page answer, which is
 * never mutated): serialized by the first request, not by each. A model's 90-day page is large
 * enough that JSON.stringify per request was a good part of its cost under load.
 */
export function sharedJsonBody(value: object): JsonBody {
  let body = shared.get(value);
  if (!body) shared.set(value, (body = encodeJsonBody(value)));
  return body;
}
