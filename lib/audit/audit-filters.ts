import { z } from "zod";
import { MAX_RANGE_DAYS } from "@/lib/telemetry/sql/time-range";

// The audit log's filters as the URL and GET /api/audit carry them. Shared by the page's filter
// form, the API and the export, so all three accept and refuse exactly the same input.
export const AUDIT_OUTCOMES = ["succeeded", "refused", "failed"] as const;
export const AUDIT_RANGE_PRESETS = {
  "24h": 86400,
  "7d": 7 * 86400,
  "30d": 30 * 86400,
  "90d": 90 * 86400,
  "455d": MAX_RANGE_DAYS * 86400,
} as const;
export const AUDIT_RANGE_OPTIONS = [
  ...(Object.keys(AUDIT_RANGE_PRESETS) as Array<keyof typeof AUDIT_RANGE_PRESETS>),
  "custom",
] as const;
export const DEFAULT_AUDIT_RANGE = "7d";
export const MAX_AUDIT_PAGE_SIZE = 500;
export const DEFAULT_AUDIT_PAGE_SIZE = 100;

/** Action kinds the app writes; the filter matches by prefix, so "pool." selects every pool kind. */
export const AUDIT_ACTION_KINDS = [
  "pool.",
  "pool.launch",
  "pool.drain",
  "pool.action.request",
  "action.",
  "action.approve",
  "action.reject",
  "action.cancel",
  "action.expire",
  "action.succeeded",
  "action.failed",
  "action.cancelled",
  "auth.",
  "auth.sign-in",
] as const;

// Free text reaches SQL only as a bound parameter, but control characters (NUL above all, which
// PostgreSQL refuses) are never part of a real actor or pool id: refuse them as a 400.
const ZFilterText = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\u0000-\u001f\u007f]+$/, "control characters are not allowed");

export const ZAuditFilters = z
  .object({
    actor: ZFilterText.optional(),
    poolId: ZFilterText.optional(),
    /** A prefix of the action kind; no LIKE wildcards (% and _ are not in the alphabet). */
    action: z
      .string()
      .regex(/^[a-z][a-z0-9.-]{0,99}$/, "action must be an action kind or its prefix, e.g. pool. or action.approve")
      .optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    range: z.enum(AUDIT_RANGE_OPTIONS).default(DEFAULT_AUDIT_RANGE),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    /** Keyset cursor: the events after this one, newest first (the previous page's nextBefore). */
    before: z
      .string()
      .regex(/^[1-9][0-9]{0,17}$/, "before must be an event id from a previous page")
      .optional(),
    limit: z
      .string()
      .regex(/^[0-9]{1,4}$/, `limit must be a whole number from 1 to ${MAX_AUDIT_PAGE_SIZE}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(1, `limit must be a whole number from 1 to ${MAX_AUDIT_PAGE_SIZE}`)
          .max(MAX_AUDIT_PAGE_SIZE, `limit must be a whole number from 1 to ${MAX_AUDIT_PAGE_SIZE}`),
      )
      .optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.range !== "custom") {
      if (q.from || q.to)
        ctx.addIssue({ code: "custom", path: ["range"], message: "from and to are only allowed with range=custom" });
      return;
    }
    if (!q.from || !q.to)
      return void ctx.addIssue({
        code: "custom",
        path: ["range"],
        message: "a custom range needs both from and to (ISO 8601)",
      });
    const span = Date.parse(q.to) - Date.parse(q.from);
    if (!(span > 0)) ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
    else if (span > MAX_RANGE_DAYS * 86400_000)
      ctx.addIssue({ code: "custom", path: ["to"], message: `a range may span at most ${MAX_RANGE_DAYS} days` });
  });
export type TAuditFilters = z.infer<typeof ZAuditFilters>;

/** The time window a parsed query covers: a preset ends now; a custom range is taken as given. */
export function resolveAuditRange(q: TAuditFilters, now: Date): { from: Date; to: Date } {
  if (q.range === "custom") return { from: new Date(q.from!), to: new Date(q.to!) };
  return { from: new Date(now.getTime() - AUDIT_RANGE_PRESETS[q.range] * 1000), to: now };
}

/** The audit table's own URL params (sort and filter box within a page: components/data-table) start with this. */
export const AUDIT_TABLE_PREFIX = "t.";

/**
 * Search params (URLSearchParams or Next's record) as the plain object ZAuditFilters parses; a
 * repeated key keeps its last value. The table's own params are not query filters: left out.
 */
export function auditSearchObject(
  raw: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const entries =
    raw instanceof URLSearchParams
      ? [...raw.entries()]
      : Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1] : v] as const);
  return Object.fromEntries(
    entries.filter((e): e is [string, string] => typeof e[1] === "string" && !e[0].startsWith(AUDIT_TABLE_PREFIX)),
  );
}
