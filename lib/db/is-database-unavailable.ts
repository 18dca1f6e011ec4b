// Whether an error means the database cannot be reached right now (down, restarting, the network
// between us cut), as opposed to a bad query: those are answered 503 with Retry-After, and page reads
// fall back to the answer they last had. One place, because the same outage reaches us as a pg
// error, a socket error, pg-pool's own timeout, or any of those wrapped by Prisma's driver adapter.

// Socket errors (pg passes them through with node's code).
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
// SQLSTATEs: class 08 (connection exception), 57P01-57P03 (shut down by an administrator, crash
// shutdown, cannot connect now: starting up or in recovery), 53300 (too many connections).
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/;
// @prisma/adapter-pg's DriverAdapterError kinds for the socket errors above.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// Prisma's own codes: can't reach the server, timed out, server closed the connection, pool timeout.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// pg and pg-pool errors that carry no code.
const MESSAGES: [RegExp, string][] = [
  [/connection terminated/i, "connection terminated"],
  [/timeout exceeded when trying to connect/i, "pool connect timeout"],
  [/connection error and is not queryable/i, "connection lost"],
  [/server closed the connection unexpectedly/i, "connection closed"],
];

type ErrorLike = { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown };

/**
 * The class of database outage `err` is (e.g. "ECONNREFUSED", "57P01", "connection terminated"),
 * or null if it is not one. Follows `cause` chains and Prisma's `meta.driverAdapterError`.
 */
export function databaseUnavailableReason(err: unknown, depth = 0): string | null {
  if (!err || typeof err !== "object" || depth > 5) return null;
  const e = err as ErrorLike;
  if (typeof e.code === "string") {
    if (
      SOCKET_CODES.has(e.code) ||
      SQLSTATES.has(e.code) ||
      CONNECTION_EXCEPTION.test(e.code) ||
      PRISMA_CODES.has(e.code)
    ) {
      // Prisma's codes say less than what they wrap: prefer the wrapped class when there is one.
      if (!PRISMA_CODES.has(e.code)) return e.code;
      return wrappedReason(e, depth) ?? e.code;
    }
  }
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return e.kind;
  const wrapped = wrappedReason(e, depth);
  if (wrapped) return wrapped;
  if (typeof e.message === "string")
    for (const [pattern, reason] of MESSAGES) if (pattern.test(e.message)) return reason;
  return null;
}

function wrappedReason(e: ErrorLike, depth: number): string | null {
  const adapter = (e.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
  return databaseUnavailableReason(adapter, depth + 1) ?? databaseUnavailableReason(e.cause, depth + 1);
}

export const isDatabaseUnavailable = (err: unknown): boolean => databaseUnavailableReason(err) !== null;

/**
 * The digest a server page's error carries when the database is unreachable (Next keeps a digest an
 * error already has): production hides server error messages, so the error boundary reads this.
 */
export const DATABASE_UNAVAILABLE_DIGEST = "DATABASE_UNAVAILABLE";
