import "server-only";
import { getConfig } from "@/lib/config";
import pino, { type DestinationStream, type Logger } from "pino";
import { scrubDeep, scrubSecrets } from "./scrub-secrets";

// Structured JSON logs on stdout (one object per line) for the cluster's log collector. Secrets
// are removed twice: by key (headers, connection settings) and inside free text (scrub-secrets.ts).
const REDACT_PATHS = [
  "authorization",
  "cookie",
  "*.authorization",
  "*.cookie",
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "DATABASE_URL",
  "*.DATABASE_URL",
  "databaseUrl",
  "*.databaseUrl",
  "connectionString",
  "*.connectionString",
  "password",
  "*.password",
  "AUTH_SECRET",
  "OIDC_CLIENT_SECRET",
  "METRICS_TOKEN",
];

export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  const config = getConfig();
  const options: pino.LoggerOptions = {
    level: opts.level ?? config.LOG_LEVEL,
    base: { service: "fleet-console", version: config.APP_VERSION ?? config.npm_package_version ?? "dev" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (obj) => scrubDeep(obj) as Record<string, unknown>,
    },
    serializers: { err: scrubbedError },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        // pino takes an error's message as the log message when none is given: scrub that too.
        if (first instanceof Error && typeof rest[0] !== "string") rest.unshift(first.message);
        const scrubbed = [first, ...rest].map((a) => (typeof a === "string" ? scrubSecrets(a) : a));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

function scrubbedError(err: unknown) {
  const out = pino.stdSerializers.err(err as Error);
  if (!out || typeof out !== "object") return out;
  return scrubDeep({ ...out }) as typeof out;
}

const holder = globalThis as unknown as { __fleetLogger?: Logger };

/** The process-wide logger (created on first use, kept across development hot reloads). */
export function getLogger(): Logger {
  holder.__fleetLogger ??= createLogger();
  return holder.__fleetLogger;
}
