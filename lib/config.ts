import { z } from "zod";

// Every setting the app reads from the environment is parsed here, and only here (`npm test`
// checks that no other file under app/, lib/ or components/ reads process.env). Defaults give the
// zero-configuration local setup: simulated telemetry and fleet, embedded PostgreSQL.
const flag = z.enum(["true", "false"]);
const list = z.string().transform((s) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean),
);
const ZName = z.string().trim().min(1).max(255);

const ZConfig = z.object({
  NODE_ENV: z.string().default("development"),
  TELEMETRY_SOURCE: z.enum(["simulated", "cloudwatch"]).default("simulated"),
  FLEET_PROVIDER: z.enum(["simulated", "aws"]).default("simulated"),
  FLEET_SEED: z.coerce.number().int().default(42),
  /** How far back telemetry is backfilled on first start and after downtime. */
  TELEMETRY_BACKFILL_DAYS: z.coerce.number().min(0).max(455).default(30),
  TELEMETRY_INGEST_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /**
   * Each ingest tick fetches this many minutes before the watermark again and stores what changed:
   * CloudWatch datapoints that arrive after the settle time (0: never re-read).
   */
  TELEMETRY_REREAD_MINUTES: z.coerce.number().int().min(0).max(180).default(15),
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
  BACKGROUND_JOBS: flag.default("true"),
  /** Keep the default overview computed ahead of viewers (off for replicas that serve no viewers). */
  WARM_OVERVIEW: flag.default("true"),
  /** How long a crashed worker holds a claimed action before another replica resumes it. */
  WORKER_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Per user and minute, across launch/drain requests, approvals and cancellations. */
  MUTATION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /**
   * Proxies in front of the app that append to X-Forwarded-For (an ALB or ingress: 1). The client
   * address is the entry the outermost of them added; entries before it are the client's own say-so.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(1),
  /** Per source address and minute, before authentication: changes and sign-in without a session. */
  ANONYMOUS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Per user and minute: a preview reads AWS and Kubernetes. */
  PREVIEW_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** The app's public origin(s) behind a proxy (comma-separated); unset: the request's own host. */
  APP_ORIGIN: list.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Page answers one user may have computing at once in a process (lib/cache/uncached-read-budget.ts):
   * a computation runs up to five queries at a time, so two leave most of the pool to everyone else.
   */
  UNCACHED_READS_PER_USER: z.coerce.number().int().min(1).max(50).default(2),
  /** Past the computing ones, how many of one user's uncached reads wait their turn before a 429. */
  UNCACHED_READS_QUEUED_PER_USER: z.coerce.number().int().min(0).max(500).default(32),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Shown in logs; the image sets it, npm sets npm_package_version. */
  APP_VERSION: z.string().optional(),
  npm_package_version: z.string().optional(),
  /**
   * The fleet config file (YAML, lib/inventory/fleet-config/): regions, models, commitments, pool
   * overrides. The aws inventory source needs one; the simulated source has its own catalog.
   */
  FLEET_CONFIG_FILE: z.string().trim().min(1).max(4096).optional(),
  /** Where the inventory sync discovers pools; unset: the same as FLEET_PROVIDER. */
  INVENTORY_SOURCE: z.enum(["simulated", "aws"]).optional(),
  /** Inventory sync tick: each pass reads every region's Auto Scaling, EKS, EC2 and pricing APIs. */
  INVENTORY_SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
  /**
   * Where the FOCUS billing export comes from: "simulated" (the simulated fleet's own bill), "s3"
   * (AWS Data Exports at BILLING_EXPORT_S3_URI) or "none". Unset: simulated with the simulated
   * inventory, none otherwise (a real account needs an export configured).
   */
  BILLING_SOURCE: z.enum(["simulated", "s3", "none"]).optional(),
  /** The export's root, s3://bucket/prefix/export-name (its files sit under data/BILLING_PERIOD=YYYY-MM/). */
  BILLING_EXPORT_S3_URI: z
    .string()
    .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/)
    .optional(),
  /** The export bucket's region. */
  BILLING_EXPORT_REGION: z.string().trim().min(1).max(32).default("us-east-1"),
  /** Path-style S3 addressing, for S3-compatible stores (MinIO, the test stand-in). */
  BILLING_S3_FORCE_PATH_STYLE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** How often the worker re-reads the export (AWS refreshes it about daily; unchanged files cost one listing). */
  BILLING_INGEST_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(3600),
  /** A pool-day whose billed cost differs from the estimate by more than this % (and BILLING_DRIFT_MIN_USD) needs attention. */
  BILLING_DRIFT_THRESHOLD_PCT: z.coerce.number().min(0).max(1000).default(5),
  BILLING_DRIFT_MIN_USD: z.coerce.number().min(0).max(1_000_000).default(10),
});

// INVENTORY_SOURCE follows FLEET_PROVIDER when unset, so one switch moves a deployment to AWS.
const ZResolvedConfig = ZConfig.transform((c) => {
  const inventorySource = c.INVENTORY_SOURCE ?? c.FLEET_PROVIDER;
  return {
    ...c,
    INVENTORY_SOURCE: inventorySource,
    BILLING_SOURCE: c.BILLING_SOURCE ?? (inventorySource === "simulated" ? "simulated" : "none"),
  };
});

export type AppConfig = z.infer<typeof ZResolvedConfig>;

/**
 * Parsed on every call (about 20 µs; callers are per request or per tick, never per row), so a
 * setting changed in-process, as the tests do, is seen everywhere at once, whatever read it first.
 */
export const getConfig = (): AppConfig => ZResolvedConfig.parse(process.env);

// Read on every call rather than once: the embedded-database start and the tests set the
// connection string after the modules load, and a scrape token may be rotated without a restart.
export const getDatabaseUrl = (): string | undefined => process.env.DATABASE_URL || undefined;
export const getMetricsToken = (): string | undefined => process.env.METRICS_TOKEN || undefined;

// Sign-in. With OIDC_ISSUER set the app uses single sign-on (next-auth, generic OIDC); without
// it, an explicit demo mode, which a production server refuses unless AUTH_DEMO_MODE=true.
const ZAuthEnv = z.object({
  AUTH_SECRET: z.string().min(32).optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_GROUPS_CLAIM: z.string().default("groups"),
  ROLE_GROUPS_VIEWER: list.default(["fleet-viewers"]),
  ROLE_GROUPS_OPERATOR: list.default(["fleet-operators"]),
  ROLE_GROUPS_ADMIN: list.default(["fleet-admins"]),
  AUTH_DEMO_MODE: flag.optional(),
  SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(7 * 86400)
    .default(8 * 3600),
  /** A session unused this long ends (server-side, at the next request), well before its absolute end. */
  SESSION_IDLE_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86400)
    .default(2 * 3600),
});
export type AuthEnv = z.infer<typeof ZAuthEnv>;
export const getAuthEnv = (): AuthEnv => ZAuthEnv.parse(process.env);

// CloudWatch names and retries. Regions are not configured: each pool row carries its own.
const ZCloudWatchEnv = z.object({
  /** Namespace the model servers publish their request metrics to. */
  CLOUDWATCH_APP_NAMESPACE: ZName.default("FleetConsole/Inference"),
  /** Dimension carrying the model id (Model.id) on application metrics. */
  CLOUDWATCH_MODEL_DIMENSION: ZName.default("Model"),
  /** Dimension carrying the pool id (Pool.id) on application metrics. */
  CLOUDWATCH_POOL_DIMENSION: ZName.default("Pool"),
  /** Request latency in milliseconds; read as p50, p95 and p99. */
  CLOUDWATCH_LATENCY_METRIC: ZName.default("RequestLatency"),
  /** Requests served (read as Sum). */
  CLOUDWATCH_REQUESTS_METRIC: ZName.default("Requests"),
  /**
   * Where requests per minute come from: "requests-sum" reads CLOUDWATCH_REQUESTS_METRIC's Sum;
   * "latency-sample-count" reads the latency metric's SampleCount instead, one metric fewer per
   * series (a 4th statistic of a metric already read is not billed again), exact when the model
   * server records one latency sample per request served (its p50/p95/p99 then describe every
   * request). Not when it samples latency or leaves failed requests out.
   */
  CLOUDWATCH_REQUESTS_FROM: z.enum(["requests-sum", "latency-sample-count"]).default("requests-sum"),
  /** Units of work (tokens for LLMs, images for VLMs, items for ranking), read as Sum. */
  CLOUDWATCH_UNITS_METRIC: ZName.default("Units"),
  NEURON_METRICS_SOURCE: z.enum(["container-insights", "neuron-monitor"]).default("container-insights"),
  NEURON_MONITOR_NAMESPACE: ZName.default("NeuronMonitor"),
  NEURON_MONITOR_METRIC: ZName.default("neuroncore_utilization"),
  /** Dimension whose value is the pool's backing id (ASG / node group / NodePool name). */
  NEURON_MONITOR_POOL_DIMENSION: ZName.default("AutoScalingGroupName"),
  /** Attempts per GetMetricData call, first one included (the SDK's retry strategy). */
  CLOUDWATCH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
  CLOUDWATCH_RETRY_MODE: z.enum(["standard", "adaptive"]).default("standard"),
  /** Minutes newer than this are left for a later tick: CloudWatch data arrives late. */
  CLOUDWATCH_SETTLE_SECONDS: z.coerce.number().int().min(0).max(900).default(120),
  /**
   * Period of AWS/EC2 metrics: 300 for basic monitoring (one datapoint per 5 minutes), 60 with
   * detailed monitoring enabled on the instances.
   */
  CLOUDWATCH_EC2_PERIOD_SECONDS: z.coerce
    .number()
    .int()
    .refine((n) => n === 60 || n === 300, "must be 60 or 300")
    .default(300),
});
export type CloudWatchEnv = z.infer<typeof ZCloudWatchEnv>;
/** Pure: parses the given variables (tests pass their own); defaults to the process's. */
export const parseCloudWatchEnv = (env: Record<string, string | undefined> = process.env): CloudWatchEnv =>
  ZCloudWatchEnv.parse(env);
