import Link from "next/link";
import { ActionListTable } from "@/components/action-list-table";
import { Panel } from "@/components/panel";
import { requirePageUser } from "@/lib/auth/get-page-user";
import { ACTION_KINDS, ACTION_STATES } from "@/lib/fleet/actions/action-dto";
import { actionListSearchObject } from "@/lib/fleet/actions/action-list-filters";
import { listActions } from "@/lib/fleet/actions/list-actions";
import { loadPageData } from "@/lib/http/load-page-data";

export const dynamic = "force-dynamic";

// Every pool's launches and drains. Viewers may read it (who is draining what is part of on-call),
// and the filters live in the URL (?state=running&pool=…&kind=drain), so a filtered list can be shared.
export default async function ActionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("viewer");
  const search = actionListSearchObject(await searchParams);
  const result = await loadPageData(() => listActions({ query: search }));
  return (
    <>
      <header className="page-header">
        <h1>Actions</h1>
      </header>
      {/* A plain GET form: applying it is a navigation to the shareable URL, with or without JavaScript. */}
      <form className="toolbar panel" role="search" aria-label="Action filters" method="get" action="/actions">
        <label>
          State{" "}
          <select name="state" defaultValue={search.state ?? ""}>
            <option value="">any</option>
            {ACTION_STATES.map((s) => (
              <option key={s} value={s}>
                {s.replace("_", " ")}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind{" "}
          <select name="kind" defaultValue={search.kind ?? ""}>
            <option value="">any</option>
            {ACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          Pool <input name="pool" defaultValue={search.pool ?? ""} placeholder="pool id" size={28} />
        </label>
        <button type="submit" className="primary">
          Apply
        </button>
        {Object.keys(search).length > 0 && <Link href="/actions">Clear</Link>}
      </form>
      {!result.ok ? (
        <div className="banner bad" role="alert">
          These filters are invalid: {result.message}. Change them above.
        </div>
      ) : (
        <Panel
          title={`${result.data.actions.length} action${result.data.actions.length === 1 ? "" : "s"}${result.data.actions.length === result.data.limit ? ` (the newest ${result.data.limit})` : ""}`}
          testId="actions"
        >
          {result.data.actions.length === 0 ? (
            <div className="empty">No actions match these filters.</div>
          ) : (
            <ActionListTable rows={result.data.actions} variant="all" />
          )}
        </Panel>
      )}
    </>
  );
}
