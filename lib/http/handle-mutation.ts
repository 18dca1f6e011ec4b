import "server-only";
import type { NextResponse } from "next/server";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getRequestUser, assertRole } from "@/lib/auth/get-request-user";
import type { Role, SessionUser } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { errorResponse, jsonOk } from "./handle-route";
import { assertSameOrigin, readJsonBody, requestMeta } from "./request-guards";

export type MutationContext<U extends SessionUser | null> = {
  user: U;
  body: unknown;
  meta: { sourceIp: string | null; userAgent: string | null };
};

const RATE_LIMIT_PER_MINUTE = Number(process.env.MUTATION_RATE_LIMIT_PER_MINUTE ?? 30);

/**
 * The frame of every mutating route handler: same-origin check, role check, per-user rate limit
 * and bounded JSON body, in that order, then the domain call. Any refusal (those checks or the
 * domain's own AppError: validation, guardrails, conflicts) is answered with its 4xx and written
 * to the audit log as refused; the domain function audits its successes in its own transaction.
 */
export async function handleMutation<T>(
  request: Request,
  opts: { action: string; role: Role; poolId?: string; params?: Record<string, string>; status?: number },
  run: (ctx: MutationContext<SessionUser>) => Promise<T>,
): Promise<NextResponse> {
  const meta = requestMeta(request);
  let user: SessionUser | null = null;
  try {
    assertSameOrigin(request);
    user = await getRequestUser(request);
    assertRole(user, opts.role);
    await consumeRateLimit({ key: `mutation:${user!.id}`, limit: RATE_LIMIT_PER_MINUTE, windowSeconds: 60 });
    const body = await readJsonBody(request);
    return jsonOk(await run({ user: user!, body, meta }), { status: opts.status ?? 200 });
  } catch (err) {
    await recordAuditEvent({
      actor: user?.id ?? "anonymous",
      actorRole: user?.role ?? "none",
      action: opts.action,
      poolId: opts.poolId ?? null,
      params: opts.params ?? null,
      outcome: err instanceof AppError ? "refused" : "failed",
      message: err instanceof AppError ? `${err.code}: ${err.message}` : "internal error",
      ...meta,
    }).catch((auditErr) => console.error("could not write the audit row for a refused request", auditErr));
    return errorResponse(err);
  }
}
