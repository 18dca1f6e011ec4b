import { queryOptions } from "@tanstack/react-query";
import { fetchJson, toSearch } from "@/lib/query-options/fetch-json";
import { ZAuditPage } from "@/lib/audit/audit-event-dto";

// The audit page's query: keyed by the URL's filters, so a filter change is a new query.
export const auditEventsQuery = (search: Record<string, string>) =>
  queryOptions({
    queryKey: ["audit-events", search],
    queryFn: () => fetchJson(ZAuditPage, `/api/audit${toSearch(search)}`),
  });

/** The export takes the filters but not the page cursor or size: it returns every matching row. */
export const auditExportHref = (search: Record<string, string>) =>
  `/api/audit/export${toSearch(Object.fromEntries(Object.entries(search).filter(([k]) => k !== "before" && k !== "limit")))}`;
