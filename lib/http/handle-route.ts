import "server-only";
import { NextResponse } from "next/server";
import { databaseUnavailableReason } from "@/lib/db/is-database-unavailable";
import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/observability/logger";

/** How long a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
const OUTAGE_LOG_EVERY_MS = 10_000;
const outageLog = { lastAtMs: 0, answeredSince: 0 };

/** An outage is not a bug, and thousands of requests meet it: one warn line per 10 s, with the count. */
export function logDatabaseOutage(err: unknown, reason: string): void {
  outageLog.answeredSince++;
  if (Date.now() - outageLog.lastAtMs < OUTAGE_LOG_EVERY_MS) return;
  getLogger().warn({ err, reason, failedRequests: outageLog.answeredSince }, "database unreachable; answering 503");
  outageLog.lastAtMs = Date.now();
  outageLog.answeredSince = 0;
}

// The one place errors become HTTP responses: AppError → its status and message; the database being
// unreachable → 503 with Retry-After (logged at warn, see logDatabaseOutage); anything else → a
// logged 500 without internals in the body.
export function errorResponse(err: unknown): NextResponse {
  const outage = databaseUnavailableReason(err);
  if (outage) {
    logDatabaseOutage(err, outage);
    return NextResponse.json(
      { error: { code: "UNAVAILABLE", message: `the database is unreachable (${outage}); retry in a few seconds` } },
      { status: 503, headers: { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS), "cache-control": "no-store" } },
    );
  }
  if (err instanceof AppError) {
    const retryAfter = err.details?.retryAfterSeconds;
    return NextResponse.json(
      { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } },
      {
        status: err.status,
        headers: typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : undefined,
      },
    );
  }
  getLogger().error({ err }, "unhandled error in route handler");
  return NextResponse.json(
    { error: { code: "INTERNAL", message: "internal error; see server logs" } },
    { status: 500 },
  );
}

export function jsonOk(body: unknown, init?: ResponseInit): NextResponse {
  return NextResponse.json(body, { ...init, headers: { "cache-control": "no-store", ...init?.headers } });
}

/** URLSearchParams → plain object (a repeated key keeps its last value). */
export function searchParamsObject(url: string | URL): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams.entries());
}
