import "server-only";
import { timingSafeEqual } from "node:crypto";
import { getConfig, getMetricsToken } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { getMetrics } from "./metrics-registry";
import { readDbGauges } from "./read-db-gauges";

/**
 * The Prometheus text exposition of this process. When METRICS_TOKEN is set the scraper must send
 * `Authorization: Bearer <token>`: the endpoint sits behind the same Service as the dashboard. In
 * production (NODE_ENV=production) it answers 403 until a token is set.
 */
export async function renderMetrics(args: {
  authorization: string | null;
}): Promise<{ body: string; contentType: string }> {
  const token = getMetricsToken();
  // Open by default would publish pool names, action counts and ingest health to anyone who can
  // reach the dashboard: a production server serves metrics only to a scraper holding the token.
  if (!token && getConfig().NODE_ENV === "production")
    throw new AppError("FORBIDDEN", "GET /api/metrics is off in production until METRICS_TOKEN is set");
  if (token && !sameSecret(args.authorization ?? "", `Bearer ${token}`)) {
    throw new AppError("UNAUTHENTICATED", "GET /api/metrics needs the bearer token configured in METRICS_TOKEN");
  }
  const metrics = getMetrics();
  metrics.db.read ??= readDbGauges; // tests inject their own reader first
  return { body: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
