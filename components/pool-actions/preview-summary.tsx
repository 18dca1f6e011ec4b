import type { ActionPreview } from "@/lib/fleet/actions/action-preview-dto";
import { launchOverMax } from "@/lib/fleet/actions/launch-over-max";
import { fmtMs, fmtPct, fmtUsdPerHour } from "../format";

/** What the change would do, as computed by the server from current data. */
export function PreviewSummary({ preview }: { preview: ActionPreview }) {
  const c = preview.capacity;
  const overMax = preview.kind === "launch" ? launchOverMax(c, preview.count) : null;
  return (
    <div data-testid="action-preview">
      <table>
        <tbody>
          <tr>
            <th>Instances in service</th>
            <td className="num">
              {c.inServiceBefore} → <strong>{c.after}</strong> (reserved {c.reserved}, max {c.max})
            </td>
          </tr>
          {overMax && (
            <tr>
              <th>Desired capacity</th>
              <td className="num bad-text" data-testid="preview-over-max">
                {overMax}
              </td>
            </tr>
          )}
          <tr>
            <th>Spend</th>
            <td className="num">
              {fmtUsdPerHour(preview.spendUsdPerHour.before)} →{" "}
              <strong>{fmtUsdPerHour(preview.spendUsdPerHour.after)}</strong>
            </td>
          </tr>
          <tr>
            <th>Reserved left idle after</th>
            <td className="num">
              {preview.idleReserved.instancesAfter} instances ({fmtUsdPerHour(preview.idleReserved.usdPerHourAfter)})
            </td>
          </tr>
          <tr>
            <th>On-demand instances after</th>
            <td className="num">{preview.onDemandInstancesAfter}</td>
          </tr>
        </tbody>
      </table>
      <h3 className="small">Models affected (estimate, demand unchanged)</h3>
      <table>
        <thead>
          <tr>
            <th>Model</th>
            <th className="num">Utilization</th>
            <th className="num">p95 after</th>
            <th className="num">Headroom to SLO</th>
            <th className="num">Serving instances</th>
          </tr>
        </thead>
        <tbody>
          {preview.models.map((m) => (
            <tr key={m.modelId}>
              <td>{m.modelId}</td>
              <td className="num">
                {fmtPct(m.utilizationPctNow)} →{" "}
                {m.saturated ? <span className="badge bad">saturated</span> : fmtPct(m.utilizationPctAfter)}
              </td>
              <td className="num">{fmtMs(m.latencyP95MsAfter)}</td>
              <td className={`num ${m.headroomMsAfter !== null && m.headroomMsAfter < 0 ? "bad-text" : ""}`}>
                {m.headroomMsAfter === null ? "—" : `${fmtMs(m.headroomMsAfter)} of ${fmtMs(m.sloP95Ms)}`}
              </td>
              <td className="num">
                {m.servingInstancesAfter} (min {m.minServingInstances})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.drain && (
        <>
          <p className="small">
            Drains {preview.drain.instances.length} newest instance(s). {preview.drain.pdbProtectedPods.length} pod(s)
            are protected by {preview.drain.pdbs.length ? preview.drain.pdbs.join(", ") : "no PodDisruptionBudget"} and
            may block until replicas are ready elsewhere.
          </p>
          <table className="small" data-testid="preview-drain-instances">
            <thead>
              <tr>
                <th>Instance</th>
                <th>Node</th>
              </tr>
            </thead>
            <tbody>
              {preview.drain.instances.map((i) => (
                <tr key={i.instanceId}>
                  <td>
                    <code>{i.instanceId}</code>
                  </td>
                  <td>{i.nodeName ?? <span className="muted">no Kubernetes node</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
