"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { DEFAULT_RANGE, type TRangeParams } from "@/lib/telemetry/sql/time-range";
import { parseRangeSearch, parseRefresh, REFRESH_OPTIONS } from "./range-search-params";

/** The range and auto-refresh in the URL, and setters that keep every other search param. */
export function useRangeParams() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const parsed = useMemo(() => parseRangeSearch(new URLSearchParams(search.toString())), [search]);
  const refresh = parseRefresh(new URLSearchParams(search.toString()));

  const update = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(search.toString());
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined) next.delete(k);
        else next.set(k, v);
      }
      router.replace(`${pathname}?${next.toString()}`, { scroll: false });
    },
    [router, pathname, search],
  );

  return {
    params: parsed.ok ? parsed.params : ({ range: DEFAULT_RANGE } satisfies TRangeParams as TRangeParams),
    error: parsed.ok ? null : parsed.message,
    refresh,
    refreshMs: REFRESH_OPTIONS[refresh] > 0 ? REFRESH_OPTIONS[refresh] : (false as const),
    update,
  };
}
