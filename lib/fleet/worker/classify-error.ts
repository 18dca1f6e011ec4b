// Whether an error inside a worker step is worth retrying. Transient: the call may well succeed if
// made again (a dropped connection, a timeout, throttling, a server-side failure); the step stays
// pending and runs again after a backoff. Permanent: anything else (a refusal such as insufficient
// capacity, a 4xx, a bug); the action fails with the reason. Unknown errors are permanent, so a
// bug is not retried for minutes. Client-safe and free of I/O, so it can be unit tested alone.

import { isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";

export type ErrorClass = "transient" | "permanent";

/** Node.js socket and DNS errors (err.code). */
const NODE_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * Database errors beyond an outage (which lib/db/is-database-unavailable.ts recognises) that say
 * "try again": serialization failure, deadlock, statement timeout, lock not available; Prisma's
 * expired interactive transaction (P2028, e.g. past its timeout) and write conflict or deadlock.
 */
const PG_CODES = new Set(["40001", "40P01", "57014", "55P03"]);
const PRISMA_CODES = new Set(["P2028", "P2034"]);
const ADAPTER_KINDS = new Set(["TransactionWriteConflict", "TransactionAlreadyClosed"]);

/** AWS error names that mean throttling or a server-side problem. */
const AWS_NAMES = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "ResourceContention",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "InternalFailure",
  "InternalServiceError",
  "ServerException",
  "RequestTimeout",
  "RequestTimeoutException",
  "TimeoutError",
]);

const MESSAGE =
  /ECONNRESET|socket hang up|Connection terminated|terminating connection|connection (?:closed|reset|refused)|timed? ?out/i;

type Fields = {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  $retryable?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  meta?: { driverAdapterError?: unknown; code?: unknown };
};

export function classifyError(error: unknown, depth = 0): ErrorClass {
  if (typeof error !== "object" || error === null || depth > 4) return "permanent";
  if (isDatabaseUnavailable(error)) return "transient";
  const e = error as Fields;
  // Kubernetes (@kubernetes/client-node ApiException): the HTTP status as a number. 409 is a
  // precondition (resourceVersion) that failed: read again and retry; a fenced-out worker is
  // stopped by its lease check before it gets there.
  if (typeof e.code === "number") return e.code >= 500 || e.code === 429 || e.code === 409 ? "transient" : "permanent";
  for (const code of [e.code, e.originalCode]) {
    if (typeof code !== "string") continue;
    if (NODE_CODES.has(code) || PG_CODES.has(code) || PRISMA_CODES.has(code)) return "transient";
  }
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return "transient";
  // AWS SDK v3 service exceptions.
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === "number" && (status >= 500 || status === 429)) return "transient";
  if (e.$retryable || (typeof e.name === "string" && AWS_NAMES.has(e.name))) return "transient";
  // Wrapped errors: a driver adapter's error under Prisma's, or an Error's cause.
  if (e.meta?.driverAdapterError && classifyError(e.meta.driverAdapterError, depth + 1) === "transient")
    return "transient";
  if (e.cause && classifyError(e.cause, depth + 1) === "transient") return "transient";
  // Our own refusals (ProviderError, AppError) are permanent whatever their message says.
  if (e.name === "ProviderError" || e.name === "AppError") return "permanent";
  return typeof e.message === "string" && MESSAGE.test(e.message) ? "transient" : "permanent";
}
