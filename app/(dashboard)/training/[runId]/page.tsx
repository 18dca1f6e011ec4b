import Link from "next/link";
import { notFound } from "next/navigation";
import { fmtMs, fmtPct, fmtUsd } from "@/components/format";
import { Kpi } from "@/components/kpi";
import { Panel } from "@/components/panel";
import { requirePageUser } from "@/lib/auth/get-page-user";
import { loadPageData } from "@/lib/http/load-page-data";
import { getTrainingRun } from "@/lib/training/get-training-run";
import { ZTrainingRunIdParam } from "@/lib/training/run-detail-dto";
import { fmtTime, fmtTokens, fmtTokensPerSecond } from "../format-training";
import { BlockTimeline, FinishVerdict } from "../training-tables";
import { RunCharts } from "./run-charts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ runId: string }> };

export default async function TrainingRunPage({ params }: Props) {
  await requirePageUser("viewer");
  const id = ZTrainingRunIdParam.safeParse((await params).runId);
  if (!id.success) notFound();
  const result = await loadPageData(() => getTrainingRun({ runId: id.data }));
  if (!result.ok && result.code === "NOT_FOUND") notFound();
  if (!result.ok) return <div className="empty">{result.message}</div>;
  const { run, block, hours } = result.data;
  const p = run.prediction;
  return (
    <>
      <header className="page-header">
        <div>
          <div className="small muted">
            <Link href="/training">Training</Link> /
          </div>
          <h1>{run.name}</h1>
        </div>
      </header>
      <p className="muted small">
        {run.model} · team {run.team} · {run.instances} × {run.instanceType} ({run.neuronCores} NeuronCores) in{" "}
        {run.region} · pools {run.pools.join(", ") || "—"} · queued {fmtTime(run.queuedAt)} · started{" "}
        {fmtTime(run.startedAt)} · first step {fmtTime(run.firstStepAt)} · ended {fmtTime(run.endedAt)} · {run.outcome}
        {run.restarts > 0 ? ` · ${run.restarts} restarts` : ""}
      </p>
      <section className="kpis" aria-label="Run figures" data-testid="training-run-kpis">
        <Kpi
          label="Cost"
          value={run.cost.totalUsd === null ? "—" : fmtUsd(run.cost.totalUsd)}
          hint={`${run.cost.reservedInstanceHours.toFixed(1)} block/reserved instance-h ${fmtUsd(run.cost.reservedUsd)} + ${run.cost.onDemandInstanceHours.toFixed(1)} on-demand instance-h ${run.cost.onDemandUsd === null ? "(no price)" : fmtUsd(run.cost.onDemandUsd)}`}
          testId="run-cost"
        />
        <Kpi
          label="Progress"
          value={fmtPct(run.progressPct)}
          hint={`${fmtTokens(run.tokensDone)} of ${fmtTokens(run.targetTokens)} tokens`}
        />
        <Kpi label="Throughput (newest hour)" value={fmtTokensPerSecond(run.recentTokensPerSecond)} />
        <Kpi label="Step time" value={fmtMs(run.stepTimeMs)} hint="mean over minutes with a step" />
        <Kpi
          label="NeuronCore utilization"
          value={fmtPct(run.neuronCoreUtilizationPct)}
          hint="mean over reported minutes"
        />
        <Kpi
          label="Goodput"
          value={fmtPct(run.goodputPct)}
          hint={
            run.unknownMinutes > 0 ? `${Math.round(run.unknownMinutes)} min without telemetry` : "progress / wall time"
          }
        />
        <Kpi label="Tokens per $" value={fmtTokens(run.tokensPerUsd)} />
      </section>
      <Panel title="Finish before termination" testId="run-finish-prediction">
        <p>
          <FinishVerdict run={run} /> Predicted finish {fmtTime(p.predictedFinishAt)}; EC2 starts terminating the block
          at {fmtTime(p.cutoffAt)}; latest safe checkpoint {fmtTime(p.latestSafeCheckpointAt)}.
        </p>
      </Panel>
      {block && <BlockTimeline blocks={[block]} />}
      <RunCharts hours={hours} />
    </>
  );
}
