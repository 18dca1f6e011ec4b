import Link from "next/link";
import { fmtCount, fmtPct, fmtUsd, fmtUsdPrice } from "@/components/format";
import { Panel } from "@/components/panel";
import type { TCapacityBlockRow, TTrainingOverview, TTrainingRunRow, TVelocityRow } from "@/lib/training/training-dto";
import { fmtMinutes, fmtTime, fmtTokens, fmtTokensPerSecond } from "./format-training";

const OUTCOME_BADGE: Record<TTrainingRunRow["outcome"], string> = {
  queued: "",
  running: "ok",
  succeeded: "ok",
  failed: "bad",
  cancelled: "",
};

/** "in time", "misses by 3.1 h" or "unknown", from the run's prediction. */
export function FinishVerdict({ run }: { run: TTrainingRunRow }) {
  const p = run.prediction;
  if (run.outcome !== "running") return <span className="muted">—</span>;
  if (p.willFinishInTime === null)
    return <span className="muted">{p.cutoffAt ? "unknown (no throughput)" : "no deadline"}</span>;
  if (p.willFinishInTime) return <span className="badge ok">in time</span>;
  const late = (Date.parse(p.predictedFinishAt!) - Date.parse(p.cutoffAt!)) / 3_600_000;
  return <span className="badge bad">misses by {late.toFixed(1)} h</span>;
}

export function TrainingRunsTable({ runs }: { runs: TTrainingRunRow[] }) {
  return (
    <Panel title={`Runs (${runs.length})`} testId="training-runs">
      {runs.length === 0 ? (
        <p className="empty">No training runs found.</p>
      ) : (
        <div className="scroll-x">
          <table>
            <thead>
              <tr>
                <th>Run</th>
                <th>Model / team</th>
                <th>Outcome</th>
                <th className="num">Instances</th>
                <th>Capacity</th>
                <th className="num">Progress</th>
                <th className="num">Throughput</th>
                <th className="num">Goodput</th>
                <th className="num">Cost</th>
                <th className="num">Tokens/$</th>
                <th>Finish before termination</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} data-run={r.id} data-at-risk={r.prediction.willFinishInTime === false || undefined}>
                  <td>
                    <Link href={`/training/${encodeURIComponent(r.id)}`}>{r.name}</Link>
                  </td>
                  <td>
                    {r.model} <span className="muted small">{r.team}</span>
                  </td>
                  <td>
                    <span className={`badge ${OUTCOME_BADGE[r.outcome]}`}>{r.outcome}</span>
                    {r.state && r.outcome === "running" && r.state !== "progressing" && (
                      <span className="badge warn">{r.state.replace("_", " ")}</span>
                    )}
                    {r.restarts > 0 && <span className="muted small"> {r.restarts} restarts</span>}
                  </td>
                  <td className="num">
                    {r.instances} × {r.instanceType}
                  </td>
                  <td>{r.capacityBlockId ? <code>{r.capacityBlockId}</code> : "on-demand"}</td>
                  <td className="num">{fmtPct(r.progressPct)}</td>
                  <td className="num">{fmtTokensPerSecond(r.recentTokensPerSecond)}</td>
                  <td className="num">{fmtPct(r.goodputPct)}</td>
                  <td className="num">{r.cost.totalUsd === null ? "—" : fmtUsd(r.cost.totalUsd)}</td>
                  <td className="num">{fmtTokens(r.tokensPerUsd)}</td>
                  <td>
                    <FinishVerdict run={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

const BLOCK_BADGE: Record<TCapacityBlockRow["status"], string> = { upcoming: "", active: "ok", ended: "" };

export function BlockTimeline({ blocks }: { blocks: TCapacityBlockRow[] }) {
  return (
    <Panel title={`Capacity Blocks (${blocks.length})`} testId="capacity-block-timeline">
      {blocks.length === 0 ? (
        <p className="empty">No Capacity Blocks in the inventory.</p>
      ) : (
        <div className="scroll-x">
          <table>
            <thead>
              <tr>
                <th>Block</th>
                <th>Pool</th>
                <th className="num">Instances</th>
                <th>Start → end</th>
                <th className="num">Price</th>
                <th className="num">Block cost</th>
                <th>Termination starts</th>
                <th>Runs</th>
                <th className="num">Idle block-hours</th>
                <th className="num">Idle $</th>
              </tr>
            </thead>
            <tbody>
              {blocks.map((b) => (
                <tr key={b.id} data-block={b.id}>
                  <td>
                    <code>{b.id}</code> <span className={`badge ${BLOCK_BADGE[b.status]}`}>{b.status}</span>
                  </td>
                  <td>{b.poolId ?? (b.runPools.join(", ") || "—")}</td>
                  <td className="num">
                    {b.instanceCount} × {b.instanceType}
                  </td>
                  <td>
                    {fmtTime(b.startAt)} → {fmtTime(b.endAt)}
                  </td>
                  <td className="num">{fmtUsdPrice(b.usdPerInstanceHour)}/h</td>
                  <td className="num">{fmtUsd(b.totalUsd)}</td>
                  <td>
                    {fmtTime(b.terminationStartAt)}
                    {b.minutesToTermination !== null && (
                      <span className="muted small"> (in {fmtMinutes(b.minutesToTermination)})</span>
                    )}
                  </td>
                  <td>
                    {b.runs.length === 0
                      ? "none"
                      : b.runs.map((r, i) => (
                          <span key={r.id}>
                            {i > 0 && ", "}
                            <Link href={`/training/${encodeURIComponent(r.id)}`}>{r.name}</Link>
                          </span>
                        ))}
                  </td>
                  <td className="num">{fmtCount(b.idleInstanceHours, 1)}</td>
                  <td className="num">{fmtUsd(b.idleUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

export function VelocityTable(props: { title: string; rows: TVelocityRow[]; velocity: TTrainingOverview["velocity"] }) {
  return (
    <Panel title={props.title} testId={props.title.endsWith("model") ? "velocity-by-model" : "velocity-by-team"}>
      <p className="muted small">
        Runs queued {fmtTime(props.velocity.from)} → {fmtTime(props.velocity.to)} (8 weeks).
      </p>
      <div className="scroll-x">
        <table>
          <thead>
            <tr>
              <th>{props.title.endsWith("model") ? "Model" : "Team"}</th>
              <th className="num">Runs</th>
              <th className="num">Runs / week</th>
              <th className="num">Median queue wait</th>
              <th className="num">Median time to first step</th>
              <th className="num">Succeeded</th>
              <th className="num">Cost per successful run</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((v) => (
              <tr key={v.key} data-key={v.key}>
                <td>{v.key}</td>
                <td className="num">{v.runs}</td>
                <td className="num">{v.runsPerWeek.toFixed(2)}</td>
                <td className="num">{fmtMinutes(v.medianQueueWaitMinutes)}</td>
                <td className="num">{fmtMinutes(v.medianTimeToFirstStepMinutes)}</td>
                <td className="num">{v.succeeded}</td>
                <td className="num">{v.costPerSuccessfulRunUsd === null ? "—" : fmtUsd(v.costPerSuccessfulRunUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
