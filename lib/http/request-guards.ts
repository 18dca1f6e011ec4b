import "server-only";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";

// Checks every mutating request passes before any domain code runs.

export const MAX_BODY_BYTES = 1024 * 1024;

/** The app's own origin(s): APP_ORIGIN (comma-separated) behind a proxy, else the request's host. */
function allowedOrigins(request: Request): string[] {
  const configured = getConfig().APP_ORIGIN;
  if (configured?.length) return configured.map((o) => o.replace(/\/$/, ""));
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
  return host ? [`${proto}://${host}`] : [new URL(request.url).origin];
}

/** Refuses cross-site writes (CSRF): Origin must be ours; a request without one must say same-origin. */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin === null) {
    if (request.headers.get("sec-fetch-site") === "same-origin") return;
    throw new AppError("FORBIDDEN", "changes are accepted only from Fleet Console's own pages (no Origin header)");
  }
  if (origin === "null" || !allowedOrigins(request).includes(origin)) {
    throw new AppError("FORBIDDEN", `cross-origin request refused (Origin: ${origin.slice(0, 100)})`);
  }
}

/** Reads a JSON body of at most MAX_BODY_BYTES; an empty body reads as {}. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `request body over ${MAX_BODY_BYTES} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        throw new AppError("PAYLOAD_TOO_LARGE", `request body over ${MAX_BODY_BYTES} bytes`);
      }
      chunks.push(value);
    }
  }
  if (size === 0) return {};
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json"))
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "send the body as application/json");
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"), refuseUnstorable);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("BAD_REQUEST", "the request body is not valid JSON");
  }
}

// PostgreSQL refuses NUL in text and unpaired surrogates in jsonb: a 400 here, not a 500 at the write.
const refuseUnstorable = (key: string, value: unknown) => {
  if (/\u0000|\p{Cs}/u.test(key) || (typeof value === "string" && /\u0000|\p{Cs}/u.test(value)))
    throw new AppError("BAD_REQUEST", "the request body contains a NUL character or an unpaired UTF-16 surrogate");
  return value;
};

/**
 * Who sent the request, for the audit log and per-address limits. The source address is the
 * X-Forwarded-For entry the outermost trusted proxy appended (TRUSTED_PROXY_HOPS from the right):
 * the first entry is whatever the client wrote, so it is kept only in the raw header field.
 */
export function requestMeta(request: Request): {
  sourceIp: string | null;
  forwardedFor: string | null;
  userAgent: string | null;
} {
  const raw = request.headers.get("x-forwarded-for");
  const entries = (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const hops = getConfig().TRUSTED_PROXY_HOPS;
  const sourceIp = hops > 0 && entries.length >= hops ? entries[entries.length - hops]! : null;
  return { sourceIp, forwardedFor: raw, userAgent: request.headers.get("user-agent") };
}
