"use client";

// Launch / drain controls, the live progress of the pool's active action and approvals.
// Rendered by the pool page; shows nothing to viewers (the API refuses them anyway).
export function PoolActionsPanel(props: { poolId: string; canOperate: boolean; canApprove: boolean; userId: string }) {
  if (!props.canOperate && !props.canApprove) return null;
  return <section className="panel" aria-label="Pool operations" data-pool-id={props.poolId} />;
}
