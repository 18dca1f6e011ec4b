"use client";
import { fmtUtc } from "@/components/format";
import type { TAuditEventDto } from "@/lib/audit/audit-event-dto";

const OUTCOME_BADGE = { succeeded: "ok", refused: "warn", failed: "bad" } as const;

/** The events, one row each; long free text is cut on screen and kept whole in the title and CSV. */
export function AuditTable({ events }: { events: TAuditEventDto[] }) {
  return (
    <div className="scroll-x" tabIndex={0} role="region" aria-label="Audit events">
      <table data-testid="audit-table">
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Pool</th>
            <th>Outcome</th>
            <th>Reason / message</th>
            <th>Parameters</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-event-id={e.id}>
              <td title={e.at}>{fmtUtc(e.at)}</td>
              <td>
                {e.actor} <span className="muted small">{e.actorRole}</span>
              </td>
              <td data-field="action">{e.action}</td>
              <td>{e.poolId ?? "—"}</td>
              <td>
                <span className={`badge ${OUTCOME_BADGE[e.outcome]}`} data-field="outcome">
                  {e.outcome}
                </span>
                {e.repeatCount > 1 && (
                  <span
                    className="muted small"
                    data-field="repeats"
                    title={`${e.repeatCount} identical refusals from ${e.at} to ${e.lastAt ?? e.at}`}
                  >
                    {" "}
                    ×{e.repeatCount} until {fmtUtc(e.lastAt ?? e.at)}
                  </span>
                )}
              </td>
              <td title={[e.reason, e.message].filter(Boolean).join("\n")}>
                {cut([e.reason, e.message].filter(Boolean).join(" · "), 80) || "—"}
              </td>
              <td title={e.params === null ? undefined : JSON.stringify(e.params)}>
                <code className="small">{e.params === null ? "—" : cut(JSON.stringify(e.params), 60)}</code>
              </td>
              <td className="small" title={e.userAgent ?? undefined}>
                {e.sourceIp ?? "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
