import { requirePageUser } from "@/lib/auth/get-page-user";
import { loadPageData } from "@/lib/http/load-page-data";
import { getTrainingOverview } from "@/lib/training/get-training-overview";
import { BlockTimeline, TrainingRunsTable, VelocityTable } from "./training-tables";

export const dynamic = "force-dynamic";

export default async function TrainingPage() {
  await requirePageUser("viewer");
  const result = await loadPageData(() => getTrainingOverview());
  return (
    <>
      <header className="page-header">
        <h1>Training</h1>
      </header>
      {result.ok ? (
        <>
          <p className="muted small">
            Training runs on Trainium, their Capacity Blocks and iteration velocity. Cost = instance-hours × the rate
            that applies (the block&apos;s booked price inside it, on-demand for overflow and outside it); a run on a
            block must finish before EC2 starts terminating it, 30 minutes before the block ends (60 for UltraServers).
          </p>
          <TrainingRunsTable runs={result.data.runs} />
          <BlockTimeline blocks={result.data.blocks} />
          <VelocityTable
            title="Iteration velocity by model"
            rows={result.data.velocity.byModel}
            velocity={result.data.velocity}
          />
          <VelocityTable
            title="Iteration velocity by team"
            rows={result.data.velocity.byTeam}
            velocity={result.data.velocity}
          />
        </>
      ) : (
        <div className="empty">{result.message}</div>
      )}
    </>
  );
}
