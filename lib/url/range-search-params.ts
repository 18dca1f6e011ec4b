import { DEFAULT_RANGE, rangeProblem, ZRangeParams, type TRangeParams } from "@/lib/telemetry/sql/time-range";

// The dashboard's shareable URL state: ?range=…[&from=…&to=…]&refresh=…
export const REFRESH_OPTIONS = { off: 0, "30s": 30_000, "1m": 60_000, "5m": 300_000 } as const;
export type RefreshOption = keyof typeof REFRESH_OPTIONS;

type RawSearch = Record<string, string | string[] | undefined> | URLSearchParams;

function get(raw: RawSearch, key: string): string | undefined {
  if (raw instanceof URLSearchParams) return raw.get(key) ?? undefined;
  const v = raw[key];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/**
 * The range a page shows for its URL. A link with a bad range still shows the page, on the default
 * range, with a notice saying what was wrong (as Grafana does), rather than an empty page.
 */
export function parseRangeSearch(raw: RawSearch): { params: TRangeParams; notice: string | null } {
  const candidate = { range: get(raw, "range"), from: get(raw, "from"), to: get(raw, "to") };
  const parsed = ZRangeParams.safeParse(
    Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)),
  );
  const problem = parsed.success
    ? rangeProblem(parsed.data)
    : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  if (parsed.success && !problem) return { params: parsed.data, notice: null };
  return { params: { range: DEFAULT_RANGE }, notice: problem };
}

/** The range's own search params, for links that keep it (nav, drill-downs). */
export function rangeSearchOf(raw: RawSearch): string {
  const out = new URLSearchParams();
  for (const key of ["range", "from", "to"]) {
    const v = get(raw, key);
    if (v !== undefined) out.set(key, v);
  }
  return out.toString();
}

export function parseRefresh(raw: RawSearch): RefreshOption {
  const v = get(raw, "refresh");
  return v && v in REFRESH_OPTIONS ? (v as RefreshOption) : "off";
}
