import "server-only";
import { getPool } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Counts one request against a fixed window shared by all replicas (one upsert in PostgreSQL);
 * past the limit, a 429 that says when to retry.
 */
export async function consumeRateLimit(args: {
  key: string;
  limit: number;
  windowSeconds: number;
  now?: Date;
}): Promise<void> {
  const now = (args.now ?? new Date()).getTime();
  const windowMs = args.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const { rows } = await getPool().query<{ count: number }>(
    `INSERT INTO "RateLimitBucket" (key, "windowStart", count) VALUES ($1, $2, 1)
     ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateLimitBucket".count + 1
     RETURNING count`,
    [args.key, windowStart],
  );
  if ((rows[0]?.count ?? 0) > args.limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000));
    throw new AppError(
      "RATE_LIMITED",
      `too many changes: at most ${args.limit} per ${args.windowSeconds} s; retry in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
    );
  }
}
