import { ZRangeParams, type TRangeParams } from "@/lib/telemetry/sql/time-range";

// The dashboard's shareable URL state: ?range=…[&from=…&to=…]&refresh=…
export const REFRESH_OPTIONS = { off: 0, "30s": 30_000, "1m": 60_000, "5m": 300_000 } as const;
export type RefreshOption = keyof typeof REFRESH_OPTIONS;

type RawSearch = Record<string, string | string[] | undefined> | URLSearchParams;

function get(raw: RawSearch, key: string): string | undefined {
  if (raw instanceof URLSearchParams) return raw.get(key) ?? undefined;
  const v = raw[key];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

export function parseRangeSearch(raw: RawSearch): { ok: true; params: TRangeParams } | { ok: false; message: string } {
  const candidate = { range: get(raw, "range"), from: get(raw, "from"), to: get(raw, "to") };
  const parsed = ZRangeParams.safeParse(
    Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)),
  );
  if (!parsed.success)
    return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return { ok: true, params: parsed.data };
}

export function parseRefresh(raw: RawSearch): RefreshOption {
  const v = get(raw, "refresh");
  return v && v in REFRESH_OPTIONS ? (v as RefreshOption) : "off";
}
