import "server-only";
import { DATABASE_UNAVAILABLE_DIGEST, databaseUnavailableReason } from "@/lib/db/is-database-unavailable";
import { getPageUser } from "@/lib/auth/get-page-user";
import { withReadBudget } from "@/lib/cache/uncached-read-budget";
import { AppError } from "@/lib/errors";
import { logDatabaseOutage } from "./handle-route";

/**
 * Runs a page's data loader and turns an AppError (bad input in the URL, a missing pool) into a
 * message the page renders itself: production builds hide server-component error messages, and a
 * user who pasted a bad link deserves to be told what is wrong with it (so does one past their budget of
 * uncached reads: lib/cache/uncached-read-budget.ts). The database being
 * unreachable goes to the error boundary with a digest that says so (it retries).
 */
export async function loadPageData<T>(
  load: () => Promise<T>,
): Promise<{ ok: true; data: T } | { ok: false; code: string; message: string }> {
  try {
    // The page has already required its user (requirePageUser); this is the same per-request read.
    const user = await getPageUser().catch(() => null);
    return { ok: true, data: await withReadBudget(user?.id, load) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, code: err.code, message: err.message };
    const outage = databaseUnavailableReason(err);
    if (outage) {
      logDatabaseOutage(err, outage);
      throw Object.assign(new Error(`the database is unreachable (${outage}); retrying`, { cause: err }), {
        digest: DATABASE_UNAVAILABLE_DIGEST,
      });
    }
    throw err;
  }
}
