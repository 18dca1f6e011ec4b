import { z } from "zod";
import { ACTION_KINDS, ACTION_STATES } from "./action-dto";

// The actions page's filters as the URL and GET /api/actions carry them (?state=running&pool=…&kind=drain):
// one schema for the page, the API and the filter form, so a shared link means the same everywhere.
export const MAX_ACTION_LIST = 500;
export const DEFAULT_ACTION_LIST = 100;

export const ZActionListFilters = z
  .object({
    state: z.enum(ACTION_STATES).optional(),
    pool: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,199}$/, "pool must be a pool id (a lowercase slug)")
      .optional(),
    kind: z.enum(ACTION_KINDS).optional(),
    limit: z
      .string()
      .regex(/^[0-9]{1,3}$/, `limit must be a whole number from 1 to ${MAX_ACTION_LIST}`)
      .transform(Number)
      .pipe(z.number().int().min(1).max(MAX_ACTION_LIST, `limit must be a whole number from 1 to ${MAX_ACTION_LIST}`))
      .optional(),
  })
  .strict();
export type TActionListFilters = z.infer<typeof ZActionListFilters>;

/** Next's search params (or URLSearchParams) as the object ZActionListFilters parses; blanks dropped, a repeated key keeps its last value. */
export function actionListSearchObject(
  raw: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const entries =
    raw instanceof URLSearchParams
      ? [...raw.entries()]
      : Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1] : v] as const);
  return Object.fromEntries(entries.filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
}

/** The query string of a filtered list (for links), without empty filters. */
export function actionListHref(path: string, filters: Partial<Record<"state" | "pool" | "kind", string>>): string {
  const q = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
  return q.size ? `${path}?${q.toString()}` : path;
}
