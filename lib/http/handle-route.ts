import "server-only";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/observability/logger";

// The one place errors become HTTP responses: AppError → its status and message; anything else →
// a logged 500 without internals in the body.
export function errorResponse(err: unknown): NextResponse {
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
