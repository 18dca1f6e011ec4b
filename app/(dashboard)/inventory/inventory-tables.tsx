import Link from "next/link";
import { fmtUtc } from "@/components/format";
import { Panel } from "@/components/panel";
import type { TInventoryOverview } from "@/lib/inventory/read/inventory-dto";

type Data = TInventoryOverview;

const PROBLEM_LABEL: Record<Data["problems"][number]["kind"], string> = {
  pool_without_model: "Pool serves no declared model",
  unknown_model_label: "Unknown model label",
  unsupported_instance_type: "Unsupported instance type",
  missing_price: "No price",
  unmatched_reservation: "Reservation matches no pool",
  scope_failed: "Source failing",
};

export function ProblemsTable({ problems }: { problems: Data["problems"] }) {
  return (
    <Panel title={`Problems (${problems.length})`} testId="inventory-problems">
      {problems.length === 0 ? (
        <p className="muted">None: every pool has a model and a price, and every reservation serves a pool.</p>
      ) : (
        <div className="scroll-x">
          <table>
            <thead>
              <tr>
                <th>Problem</th>
                <th>About</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={`${p.kind}|${p.subject}|${p.message}`} data-problem={p.kind}>
                  <td>{PROBLEM_LABEL[p.kind]}</td>
                  <td>
                    <code>{p.subject}</code>
                  </td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

export function ScopesTable({ scopes }: { scopes: Data["scopes"] }) {
  return (
    <Panel title="Sources" testId="inventory-scopes">
      <div className="scroll-x">
        <table>
          <thead>
            <tr>
              <th>Source</th>
              <th>State</th>
              <th className="num">Pools</th>
              <th>Last sync</th>
              <th>Last success</th>
              <th className="num">API calls</th>
              <th className="num">Duration</th>
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {scopes.map((s) => (
              <tr key={s.scope} data-scope={s.scope} data-ok={s.ok}>
                <td>
                  <code>{s.scope}</code>
                </td>
                <td>{s.ok ? <span className="badge ok">ok</span> : <span className="badge bad">stale</span>}</td>
                <td className="num">{s.pools}</td>
                <td>{fmtUtc(s.lastSyncAt)}</td>
                <td>{s.lastSuccessAt ? fmtUtc(s.lastSuccessAt) : "never"}</td>
                <td className="num">{s.apiCalls}</td>
                <td className="num">{(s.durationMs / 1000).toFixed(2)} s</td>
                <td>{s.error ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

export function ChangesTable({ changes }: { changes: Data["changes"] }) {
  return (
    <Panel title={`Recent changes (last ${changes.length})`} testId="inventory-changes">
      {changes.length === 0 ? (
        <p className="muted">No change recorded.</p>
      ) : (
        <div className="scroll-x">
          <table>
            <thead>
              <tr>
                <th>When</th>
                <th>Change</th>
                <th>What</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.id} data-action={c.action}>
                  <td>{fmtUtc(c.at)}</td>
                  <td>{c.action.replace(/^inventory\./, "").replace(".", " ")}</td>
                  <td>
                    {c.poolId && !c.modelId ? (
                      <Link href={`/pools/${c.poolId}`}>{c.poolId}</Link>
                    ) : (
                      <code>{c.key}</code>
                    )}
                  </td>
                  <td className="small">{c.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

export function RunsTable({ runs }: { runs: Data["runs"] }) {
  return (
    <Panel title="Recent syncs" testId="inventory-runs">
      <div className="scroll-x">
        <table>
          <thead>
            <tr>
              <th>Started</th>
              <th>Trigger</th>
              <th className="num">Duration</th>
              <th className="num">API calls</th>
              <th className="num">Changes</th>
              <th className="num">Problems</th>
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>{fmtUtc(r.startedAt)}</td>
                <td>{r.trigger}</td>
                <td className="num">{(r.durationMs / 1000).toFixed(2)} s</td>
                <td className="num">{r.apiCalls}</td>
                <td className="num">{r.changes}</td>
                <td className="num">{r.problems}</td>
                <td>{r.error ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
