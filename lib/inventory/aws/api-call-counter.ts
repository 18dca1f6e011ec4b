import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
// Types only: @smithy/types is what the SDK clients' own declarations are written in.
import type { FinalizeHandler, MetadataBearer, MiddlewareStack } from "@smithy/types";

// Counts the HTTP requests an inventory scope sends, as AWS counts them against quotas: every page
// and every retry attempt. The counter lives in an AsyncLocalStorage store opened by countApiCalls,
// so concurrent scopes sharing one client (one per service and region) each count only their own.

type CallStore = { apiCalls: number; parent: CallStore | undefined };

const storage = new AsyncLocalStorage<CallStore>();
const MIDDLEWARE_NAME = "inventoryApiCallCounter";

export type CountedRun<T> =
  | { ok: true; result: T; apiCalls: number; durationMs: number }
  | { ok: false; error: unknown; apiCalls: number; durationMs: number };

/**
 * Runs `fn`, counting the requests sent by instrumented clients meanwhile. A failure is returned,
 * not thrown, because a failed scope still reports what it sent and how long it took; the error
 * is the SDK's own. A nested count also adds to the enclosing one.
 */
export async function countApiCalls<T>(fn: () => Promise<T>): Promise<CountedRun<T>> {
  const store: CallStore = { apiCalls: 0, parent: storage.getStore() };
  const startedAt = performance.now();
  try {
    const result = await storage.run(store, fn);
    return { ok: true, result, apiCalls: store.apiCalls, durationMs: performance.now() - startedAt };
  } catch (error) {
    return { ok: false, error, apiCalls: store.apiCalls, durationMs: performance.now() - startedAt };
  }
}

const instrumented = new WeakSet<object>();

/**
 * Adds the counting middleware to a client, once. It sits right after the retry middleware in the
 * finalizeRequest step, so it runs inside the retry loop: once per attempt, below the paginator.
 */
export function instrumentClient<I extends object, O extends MetadataBearer>(client: {
  middlewareStack: MiddlewareStack<I, O>;
}): void {
  if (instrumented.has(client)) return;
  const countAttempt =
    (next: FinalizeHandler<I, O>): FinalizeHandler<I, O> =>
    (args) => {
      for (let store = storage.getStore(); store; store = store.parent) store.apiCalls += 1;
      return next(args);
    };
  client.middlewareStack.addRelativeTo(countAttempt, {
    name: MIDDLEWARE_NAME,
    relation: "after",
    toMiddleware: "retryMiddleware",
  });
  instrumented.add(client);
}
