"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseRangeSearch, parseRefresh, REFRESH_OPTIONS } from "./range-search-params";

/**
 * The range and auto-refresh in the URL, and setters that keep every other search param. A range
 * change is a new history entry (Back returns to the previous range); a refresh change is not.
 */
export function useRangeParams() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const { params, notice } = useMemo(() => parseRangeSearch(new URLSearchParams(search.toString())), [search]);
  const refresh = parseRefresh(new URLSearchParams(search.toString()));

  const update = useCallback(
    (changes: Record<string, string | undefined>, history: "push" | "replace" = "push") => {
      const next = new URLSearchParams(search.toString());
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined) next.delete(k);
        else next.set(k, v);
      }
      router[history](`${pathname}?${next.toString()}`, { scroll: false });
    },
    [router, pathname, search],
  );

  return {
    params,
    notice,
    refresh,
    refreshMs: REFRESH_OPTIONS[refresh] > 0 ? REFRESH_OPTIONS[refresh] : (false as const),
    update,
  };
}
