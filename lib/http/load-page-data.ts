import "server-only";
import { AppError } from "@/lib/errors";

/**
 * Runs a page's data loader and turns an AppError (bad input in the URL, a missing pool) into a
 * message the page renders itself: production builds hide server-component error messages, and a
 * user who pasted a bad link deserves to be told what is wrong with it.
 */
export async function loadPageData<T>(
  load: () => Promise<T>,
): Promise<{ ok: true; data: T } | { ok: false; code: string; message: string }> {
  try {
    return { ok: true, data: await load() };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
}
