import "server-only";
import { getMetrics } from "./metrics-registry";

/**
 * Records one handled request. `route` is the route pattern ("/api/pools/:id"), never the concrete
 * path: a label per pool id would grow the series without bound.
 */
export function observeRequest(args: { route: string; method: string; status: number; durationSeconds: number }): void {
  getMetrics().httpRequestDuration.observe(
    { route: args.route, method: args.method.toUpperCase(), status: String(args.status) },
    args.durationSeconds,
  );
}

/**
 * Wraps a route handler so each call is timed: `export const GET = withRequestMetrics("/api/x", handler)`.
 * A handler that throws is recorded as status 500 (what Next answers) and the error is rethrown.
 */
export function withRequestMetrics<C>(
  route: string,
  handler: (request: Request, context: C) => Promise<Response>,
): (request: Request, context?: C) => Promise<Response> {
  // `context` is optional in the wrapper's type so static routes can be called with one argument
  // (as tests do); Next always passes it, and dynamic routes' handlers receive it typed.
  return async (request, context) => {
    const started = performance.now();
    let status = 500;
    try {
      const response = await handler(request, context as C);
      status = response.status;
      return response;
    } finally {
      observeRequest({ route, method: request.method, status, durationSeconds: (performance.now() - started) / 1000 });
    }
  };
}
