import "server-only";
import type { z } from "zod";
import { requireRole } from "@/lib/auth/get-request-user";
import type { Role, SessionUser } from "@/lib/auth/roles";
import { withReadBudget } from "@/lib/cache/uncached-read-budget";
import { parseInput } from "@/lib/parse-input";
import { errorResponse, jsonOk, searchParamsObject } from "./handle-route";

export type ReadContext<Q> = { user: SessionUser | null; query: Q };

/**
 * The frame of every read route handler, beside handleMutation: role check, then the query
 * string parsed with the route's schema, then the domain call. The result is sent as JSON (no
 * store) unless the route builds its own Response (ETag bodies, CSV). Errors become their status
 * in one place; cache misses count against the user's budget (lib/cache/uncached-read-budget.ts). `role: null` is for the few routes without a session (health, the metrics scrape
 * with its own bearer token).
 */
export async function handleRead<S extends z.ZodType = z.ZodType<Record<string, string>>>(
  request: Request,
  opts: { role: Role | null; query?: S },
  run: (ctx: ReadContext<z.infer<S>>) => Promise<Response | object>,
): Promise<Response> {
  try {
    const user = opts.role ? await requireRole(request, opts.role) : null;
    const search = searchParamsObject(request.url);
    // Without a schema the default type parameter is the raw search object itself.
    const query = (opts.query ? parseInput(opts.query, search) : search) as z.infer<S>;
    // Page answers this read computes (cache misses) draw on the user's budget.
    const result = await withReadBudget(user?.id, () => run({ user, query }));
    return result instanceof Response ? result : jsonOk(result);
  } catch (err) {
    return errorResponse(err);
  }
}
