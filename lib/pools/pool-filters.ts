import { z } from "zod";
import { usdToCents } from "@/lib/money/usd";
import type { TPoolRow } from "./pool-dto";

// The pools table's filters and sort as the URL carries them (?chip=&region=&model=&state=&sort=&dir=).
// A bad value is dropped rather than failing the page: filters only narrow what is shown.
export const POOL_SORT_KEYS = [
  "id",
  "region",
  "utilization",
  "spend",
  "spendRate",
  "desired",
  "inService",
  "reserved",
] as const;
export type PoolSortKey = (typeof POOL_SORT_KEYS)[number];

const FIELDS = {
  chip: z.enum(["trainium", "graviton"]),
  region: z.string().regex(/^[a-z0-9-]{1,40}$/),
  model: z.string().regex(/^[a-z0-9-]{1,100}$/),
  state: z.enum(["active", "scaling", "draining", "idle"]),
  sort: z.enum(POOL_SORT_KEYS),
  dir: z.enum(["asc", "desc"]),
};

export type TPoolFilters = {
  chip?: "trainium" | "graviton";
  region?: string;
  model?: string;
  state?: TPoolRow["state"];
  sort: PoolSortKey;
  dir: "asc" | "desc";
};

export function parsePoolFilters(search: URLSearchParams): TPoolFilters {
  const pick = <S extends z.ZodType>(schema: S, key: string): z.infer<S> | undefined => {
    const parsed = schema.safeParse(search.get(key) ?? undefined);
    return parsed.success ? parsed.data : undefined;
  };
  return {
    chip: pick(FIELDS.chip, "chip"),
    region: pick(FIELDS.region, "region"),
    model: pick(FIELDS.model, "model"),
    state: pick(FIELDS.state, "state"),
    sort: pick(FIELDS.sort, "sort") ?? "id",
    dir: pick(FIELDS.dir, "dir") ?? "asc",
  };
}

const SORT_VALUE: Record<PoolSortKey, (p: TPoolRow) => number | string | null> = {
  id: (p) => p.id,
  region: (p) => `${p.region}/${p.id}`,
  utilization: (p) => p.metrics.utilizationPct,
  // Amounts are decimal strings: sorted by their cents, not as text ("9.00" < "10.00").
  spend: (p) => usdToCents(p.metrics.spendUsd),
  spendRate: (p) => usdToCents(p.metrics.spendUsdPerHour),
  desired: (p) => p.desiredCapacity,
  inService: (p) => p.inService,
  reserved: (p) => p.reservedNow,
};

/** The rows the table shows, in its order (nulls last either way). */
export function filterAndSortPools(rows: TPoolRow[], f: TPoolFilters): TPoolRow[] {
  const shown = rows.filter(
    (p) =>
      (!f.chip || p.chipFamily === f.chip) &&
      (!f.region || p.region === f.region) &&
      (!f.model || p.models.includes(f.model)) &&
      (!f.state || p.state === f.state),
  );
  const value = SORT_VALUE[f.sort];
  const sign = f.dir === "asc" ? 1 : -1;
  return shown.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? a.id.localeCompare(b.id) : va === null ? 1 : -1;
    const c = typeof va === "string" ? va.localeCompare(String(vb)) : va - (vb as number);
    return c !== 0 ? sign * c : a.id.localeCompare(b.id);
  });
}
