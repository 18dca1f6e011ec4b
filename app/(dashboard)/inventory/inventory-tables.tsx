"use client";
import { DataTable } from "@/components/data-table/data-table";
import { Panel } from "@/components/panel";
import type { TInventoryOverview } from "@/lib/inventory/read/inventory-dto";
import { CHANGE_COLUMNS, PROBLEM_COLUMNS, RUN_COLUMNS, SCOPE_COLUMNS } from "./inventory-columns";

type Data = TInventoryOverview;

export function ProblemsTable({ problems }: { problems: Data["problems"] }) {
  return (
    <Panel title={`Problems (${problems.length})`} testId="inventory-problems">
      {problems.length === 0 ? (
        <p className="muted">None: every pool has a model and a price, and every reservation serves a pool.</p>
      ) : (
        <DataTable
          testId="inventory-problems-table"
          label="Problems"
          columns={PROBLEM_COLUMNS}
          rows={problems}
          rowKey={(p) => `${p.kind}|${p.subject}|${p.message}`}
          rowAttributes={(p) => ({ "data-problem": p.kind })}
          searchPlaceholder="problem, subject, detail"
          urlPrefix="p."
          csvFilename="inventory-problems.csv"
        />
      )}
    </Panel>
  );
}

export function ScopesTable({ scopes }: { scopes: Data["scopes"] }) {
  return (
    <Panel title="Sources" testId="inventory-scopes">
      <DataTable
        testId="inventory-scopes-table"
        label="Sources"
        columns={SCOPE_COLUMNS}
        rows={scopes}
        rowKey={(s) => s.scope}
        rowAttributes={(s) => ({ "data-scope": s.scope, "data-ok": String(s.ok) })}
        urlPrefix="s."
      />
    </Panel>
  );
}

export function ChangesTable({ changes }: { changes: Data["changes"] }) {
  return (
    <Panel title={`Recent changes (last ${changes.length})`} testId="inventory-changes">
      {changes.length === 0 ? (
        <p className="muted">No change recorded.</p>
      ) : (
        <DataTable
          testId="inventory-changes-table"
          label="Recent changes"
          columns={CHANGE_COLUMNS}
          rows={changes}
          rowKey={(c) => c.id}
          rowAttributes={(c) => ({ "data-action": c.action })}
          searchPlaceholder="change, pool, model, detail"
          urlPrefix="c."
          csvFilename="inventory-changes.csv"
        />
      )}
    </Panel>
  );
}

export function RunsTable({ runs }: { runs: Data["runs"] }) {
  return (
    <Panel title="Recent syncs" testId="inventory-runs">
      <DataTable
        testId="inventory-runs-table"
        label="Recent syncs"
        columns={RUN_COLUMNS}
        rows={runs}
        rowKey={(r) => r.id}
        urlPrefix="r."
        empty="No sync has run yet."
      />
    </Panel>
  );
}
