import type { StepDetail } from "@/lib/fleet/worker/step-details";
import { Clock, fmtSeconds, secondsBetween } from "./step-time";

const BOOT_LABEL = { pending: "pending", running: "running", in_service: "in service", failed: "failed" } as const;
const BOOT_BADGE = { pending: "", running: "warn", in_service: "ok", failed: "bad" } as const;

/** The instances a launch started, each one's boot state and ETA (wait-for-instances' detail). */
export function LaunchInstances({ detail }: { detail: StepDetail<"wait-for-instances"> }) {
  const instances = detail.instances;
  if (!instances) return null;
  return (
    <div data-testid="launch-instances">
      <p className="small muted">
        {detail.inService !== undefined && detail.target !== undefined && (
          <>
            {detail.inService} of {detail.target} in service
          </>
        )}
        {detail.etaAt ? (
          <>
            {" · "}all expected in service by <Clock iso={detail.etaAt} />
          </>
        ) : (
          instances.some((i) => i.state === "pending" || i.state === "running") &&
          !detail.boot && <> · no ETA yet: no boot observed on this pool</>
        )}
        {detail.boot && (
          <>
            {" "}
            (median boot {fmtSeconds(detail.boot.medianSeconds)} over {detail.boot.samples} observed)
          </>
        )}
        {detail.observedAt && (
          <>
            {" · "}
            <Clock iso={detail.observedAt} label="as of" />
          </>
        )}
        {detail.message && <> · {detail.message}</>}
      </p>
      <table className="small">
        <thead>
          <tr>
            <th>Instance</th>
            <th>State</th>
            <th>Launched</th>
            <th>In service / ETA</th>
          </tr>
        </thead>
        <tbody>
          {instances.map((i) => (
            <tr key={i.instanceId} data-instance-id={i.instanceId} data-boot-state={i.state}>
              <td>
                <code>{i.instanceId}</code>
                {i.nodeName && <span className="muted"> {i.nodeName}</span>}
              </td>
              <td>
                <span className={`badge ${BOOT_BADGE[i.state]}`}>{BOOT_LABEL[i.state]}</span>
              </td>
              <td>
                <Clock iso={i.launchedAt} />
                {i.launchedAtSeen && <span className="muted"> (first seen)</span>}
              </td>
              <td>
                {i.inServiceAt ? (
                  <>
                    <Clock iso={i.inServiceAt} /> (boot {fmtSeconds(secondsBetween(i.launchedAt, i.inServiceAt))})
                  </>
                ) : i.etaAt ? (
                  <Clock iso={i.etaAt} label="ETA" />
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
