import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/observability/logger";

// The one place errors become HTTP responses: AppError → its status and message; anything else →
// a logged 500 without internals in the body.
export function errorResponse(err: unknown): NextResponse {
  if (err instanceof AppError) {
    const retryAfter = err.details?.retryAfterSeconds;
    return NextResponse.json(
      { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } },
      { status: err.status, headers: typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : undefined },
    );
  }
  getLogger().error({ err }, "unhandled error in route handler");
  return NextResponse.json({ error: { code: "INTERNAL", message: "internal error; see server logs" } }, { status: 500 });
}

export function jsonOk(body: unknown, init?: ResponseInit): NextResponse {
  return NextResponse.json(body, { ...init, headers: { "cache-control": "no-store", ...init?.headers } });
}

/** Parses input with a zod schema, turning every issue into one readable 400 message. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const message = result.error.issues
      .map((i) => `${i.path.length ? i.path.join(".") : "input"}: ${i.message}`)
      .join("; ");
    throw new AppError("BAD_REQUEST", message);
  }
  return result.data;
}

/** URLSearchParams → plain object (a repeated key keeps its last value). */
export function searchParamsObject(url: string | URL): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams.entries());
}
