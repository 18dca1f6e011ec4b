import { z } from "zod";

// Every setting the app reads from the environment, parsed once. Defaults give the
// zero-configuration local setup: simulated telemetry and fleet, embedded PostgreSQL.
const ZConfig = z.object({
  TELEMETRY_SOURCE: z.enum(["simulated", "cloudwatch"]).default("simulated"),
  FLEET_PROVIDER: z.enum(["simulated", "aws"]).default("simulated"),
  FLEET_SEED: z.coerce.number().int().default(42),
  /** How far back telemetry is backfilled on first start and after downtime. */
  TELEMETRY_BACKFILL_DAYS: z.coerce.number().min(0).max(455).default(30),
  TELEMETRY_INGEST_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /**
   * Per-minute rows older than this are dropped a whole UTC day (partition) at a time; hourly
   * rollups are kept. At least 2: ranges up to 24 h read minute rows. 100 keeps a 90-day backfill.
   */
  TELEMETRY_MINUTE_RETENTION_DAYS: z.coerce.number().int().min(2).max(3650).default(100),
  /** Simulated provider: how long a launched instance takes to enter service. */
  SIM_BOOT_SECONDS: z.coerce.number().min(0).max(3600).default(90),
  /** Simulated provider: how long a PodDisruptionBudget refuses a protected pod's eviction. */
  SIM_PDB_BLOCK_SECONDS: z.coerce.number().min(0).max(3600).default(20),
  /** Simulated provider: graceful termination time of an evicted pod. */
  SIM_POD_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(5),
  /** Set to "false" to run a web-only replica (no background ingest / action worker). */
  BACKGROUND_JOBS: z.enum(["true", "false"]).default("true"),
  /** Keep the default overview computed ahead of viewers (off for replicas that serve no viewers). */
  WARM_OVERVIEW: z.enum(["true", "false"]).default("true"),
});

export type AppConfig = z.infer<typeof ZConfig>;

let cached: AppConfig | undefined;
export function getConfig(): AppConfig {
  cached ??= ZConfig.parse(process.env);
  return cached;
}
