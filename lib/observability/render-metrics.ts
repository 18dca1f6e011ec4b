import "server-only";
import { timingSafeEqual } from "node:crypto";
import { getMetricsToken } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { getMetrics } from "./metrics-registry";
import { readDbGauges } from "./read-db-gauges";

/**
 * The Prometheus text exposition of this process. When METRICS_TOKEN is set the scraper must send
 * `Authorization: Bearer <token>`: the endpoint sits behind the same Service as the dashboard.
 */
export async function renderMetrics(args: {
  authorization: string | null;
}): Promise<{ body: string; contentType: string }> {
  const token = getMetricsToken();
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
