"use client";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { fmtUtc } from "@/components/format";
import type { TAuditPage } from "@/lib/audit/audit-event-dto";
import { auditEventsQuery, auditExportHref } from "@/lib/query-options/audit-events-query";
import { ZAuditFilters, auditSearchObject } from "@/lib/audit/audit-filters";
import { AuditFilters } from "./audit-filters";
import { AuditTable } from "./audit-table";

/** Filters and page cursor live in the URL; the first page comes from the server, later ones from the API. */
export function AuditClient(props: {
  initialSearch: Record<string, string>;
  initialData: TAuditPage | null;
  initialError: string | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const search = useMemo(() => auditSearchObject(new URLSearchParams(params.toString())), [params]);
  const parsed = ZAuditFilters.safeParse(search);
  const isInitial = JSON.stringify(search) === JSON.stringify(props.initialSearch);
  const query = useQuery({
    ...auditEventsQuery(search),
    enabled: parsed.success,
    initialData: isInitial ? (props.initialData ?? undefined) : undefined,
    placeholderData: (prev) => prev,
  });

  const update = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined) next.delete(k);
        else next.set(k, v);
      }
      router.replace(`${pathname}?${next.toString()}`, { scroll: false });
    },
    [router, pathname, params],
  );

  const problem = !parsed.success
    ? parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")
    : isInitial
      ? props.initialError
      : null;
  const data = query.data;

  return (
    <>
      <AuditFilters key={JSON.stringify(search)} search={search} onApply={update} />
      {problem ? (
        <div className="banner bad" role="alert">
          These filters are invalid: {problem}. Change them above.
        </div>
      ) : query.isError && !data ? (
        <div className="banner bad" role="alert">
          Could not load the audit log: {query.error.message}
        </div>
      ) : !data ? (
        <div className="skeleton" style={{ height: 320 }} aria-busy="true" aria-label="Loading" />
      ) : (
        <section className="panel" aria-busy={query.isFetching}>
          <h2>
            <span>
              {data.events.length} event{data.events.length === 1 ? "" : "s"} · {fmtUtc(data.range.from)} →{" "}
              {fmtUtc(data.range.to)}
              {search.before ? " · older page" : ""}
            </span>
            <span className="toolbar">
              <a href={auditExportHref(search)} download>
                Export all matching (CSV)
              </a>
            </span>
          </h2>
          {query.isError && (
            <div className="banner bad" role="alert">
              Refresh failed: {query.error.message} (showing the previous data)
            </div>
          )}
          {data.events.length === 0 ? (
            <div className="empty">No audit events match these filters in this time range.</div>
          ) : (
            <AuditTable events={data.events} />
          )}
          <div className="toolbar" style={{ marginTop: 8 }}>
            {search.before && (
              <button type="button" onClick={() => update({ before: undefined })}>
                ← Newest
              </button>
            )}
            {data.nextBefore && (
              <button type="button" onClick={() => update({ before: data.nextBefore ?? undefined })}>
                Older →
              </button>
            )}
          </div>
        </section>
      )}
    </>
  );
}
