// Whether an error inside a worker step is worth retrying. Transient: the call may well succeed if
// made again (a dropped connection, a timeout, throttling, a server-side failure); the step stays
// pending and runs again after a backoff. Permanent: anything else (a refusal such as insufficient
// capacity, a 4xx, a bug); the action fails with the reason. Unknown errors are permanent, so a
// bug is not retried for minutes. Client-safe and dependency-free, so it can be unit tested alone.

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
 * PostgreSQL SQLSTATEs: class 08 (connection exception) is matched by prefix; these are the others
 * that say "try again": shutdown or restart of the server, too many connections, serialization
 * failure, deadlock, statement timeout.
 */
const PG_CODES = new Set(["57P01", "57P02", "57P03", "53300", "40001", "40P01", "57014", "55P03"]);

/**
 * Prisma: cannot reach / timed out / server closed the connection / pool timeout / the
 * interactive transaction expired (P2028, e.g. past its timeout) / write conflict or deadlock.
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2034"]);

/** Prisma driver adapter error kinds (@prisma/driver-adapter-utils), under a DriverAdapterError's cause. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "TooManyConnections",
  "TransactionWriteConflict",
  "SocketTimeout",
  "TransactionAlreadyClosed",
]);

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
  const e = error as Fields;
  // Kubernetes (@kubernetes/client-node ApiException): the HTTP status as a number. 409 is a
  // precondition (resourceVersion) that failed: read again and retry; a fenced-out worker is
  // stopped by its lease check before it gets there.
  if (typeof e.code === "number") return e.code >= 500 || e.code === 429 || e.code === 409 ? "transient" : "permanent";
  for (const code of [e.code, e.originalCode]) {
    if (typeof code !== "string") continue;
    if (NODE_CODES.has(code) || PG_CODES.has(code) || PRISMA_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
      return "transient";
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
