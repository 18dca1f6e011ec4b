import "server-only";
import { recordAuditEvent, recordRefusal } from "@/lib/audit/record-audit-event";
import { getRequestUser, assertRole } from "@/lib/auth/get-request-user";
import type { Role, SessionUser } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { errorResponse, jsonOk } from "./handle-route";
import { assertSameOrigin, readJsonBody, requestMeta } from "./request-guards";

export type MutationContext<U extends SessionUser | null> = {
  user: U;
  body: unknown;
  meta: { sourceIp: string | null; forwardedFor: string | null; userAgent: string | null };
};

type MutationOptions = {
  /** The audit log's action kind for a refusal (the domain audits its own successes). */
  action: string;
  /** false: refusals are answered but not audited (a preview changes nothing). */
  audit?: boolean;
  poolId?: string;
  params?: Record<string, string>;
  status?: number;
  /** The per-user budget this route draws from; default: the mutation budget. */
  rateLimit?: { bucket: string; perMinute: number };
};

/**
 * The frame of every POST route handler: same-origin check, role check, per-user rate limit and
 * bounded JSON body, in that order, then the domain call. Any refusal (those checks or the
 * domain's own AppError: validation, guardrails, conflicts) is answered with its 4xx and written
 * to the audit log as refused. `role: null` is for the sign-in and sign-out routes, which need no
 * session (and have no user to rate-limit). The domain may answer with its own Response (cookies).
 */
export async function handleMutation<R extends Role | null>(
  request: Request,
  opts: MutationOptions & { role: R },
  run: (ctx: MutationContext<R extends Role ? SessionUser : null>) => Promise<Response | object>,
): Promise<Response> {
  const meta = requestMeta(request);
  let user: SessionUser | null = null;
  try {
    // Who is asking is read first (a signature check, no trust yet), so that even a cross-site
    // refusal names the session it carried in the audit log.
    if (opts.role) user = await getRequestUser(request);
    // Before anything is checked or written: requests without a session (sign-in, probes, a
    // scripted flood) draw on a budget per source address, so refusals cannot fill the audit log.
    if (!user)
      await consumeRateLimit({
        key: `anonymous:${meta.sourceIp ?? "unknown"}`,
        limit: getConfig().ANONYMOUS_RATE_LIMIT_PER_MINUTE,
        windowSeconds: 60,
      });
    assertSameOrigin(request);
    if (opts.role) {
      assertRole(user, opts.role);
      const limit = opts.rateLimit ?? { bucket: "mutation", perMinute: getConfig().MUTATION_RATE_LIMIT_PER_MINUTE };
      await consumeRateLimit({ key: `${limit.bucket}:${user!.id}`, limit: limit.perMinute, windowSeconds: 60 });
    }
    const body = await readJsonBody(request);
    const result = await run({ user, body, meta } as MutationContext<R extends Role ? SessionUser : null>);
    return result instanceof Response ? result : jsonOk(result, { status: opts.status ?? 200 });
  } catch (err) {
    // An unreachable database cannot take the audit row either (the 503 is logged instead), and an
    // anonymous sender over its budget gets no row per request (that is what the budget is for).
    const anonymousFlood = !user && err instanceof AppError && err.code === "RATE_LIMITED";
    if (opts.audit !== false && !isDatabaseUnavailable(err) && !anonymousFlood) {
      const event = {
        actor: user?.id ?? "anonymous",
        actorRole: user?.role ?? "none",
        action: opts.action,
        poolId: opts.poolId ?? null,
        params: opts.params ?? null,
        ...meta,
      };
      // Refusals repeat (retry loops, probes): identical ones within a minute share one row's count.
      await (
        err instanceof AppError
          ? recordRefusal({ ...event, message: `${err.code}: ${err.message}` })
          : recordAuditEvent({ ...event, outcome: "failed", message: "internal error" })
      ).catch((auditErr) => console.error("could not write the audit row for a refused request", auditErr));
    }
    return errorResponse(err);
  }
}
