import { describe, expect, it } from "vitest";
import { describeAttention } from "@/components/overview/needs-attention-list";
import { rankNeedsAttention } from "@/lib/overview/rank-needs-attention";

// Pending approvals in the overview's Needs attention (issue 17, item 4): warnings after the hot
// pools, the longest waiting first, each naming its action so the list links to its review.
describe("pending approvals in Needs attention", () => {
  const base = { lagSeconds: 30, sloRows: [], idleReserved: [], expiring: [] };
  const pending = (actionId: string, requestedAt: string) => ({
    actionId,
    poolId: `pool-${actionId}`,
    kind: "drain",
    count: 12,
    requestedBy: "demo-operator",
    requestedAt: new Date(requestedAt),
    deadline: new Date(Date.parse(requestedAt) + 30 * 60_000),
  });

  it("lists each as a warning after hot pools and before idle reservations, in the order given (oldest first)", () => {
    const items = rankNeedsAttention({
      ...base,
      poolUtilization: [{ poolId: "hot", utilizationPct: 90 }],
      idleReserved: [
        { poolId: "idle", instanceType: "trn2", reservedInstances: 16, idleInstances: 12, idleUsdPerHour: 330 },
      ],
      pendingApprovals: [pending("a1", "2026-12-06T05:00:00Z"), pending("a2", "2026-12-06T05:20:00Z")],
    });
    expect(items.map((i) => [i.severity, i.kind, i.actionId])).toEqual([
      ["warning", "hot_pool", null],
      ["warning", "approval_pending", "a1"],
      ["warning", "approval_pending", "a2"],
      ["warning", "idle_reserved", null],
    ]);
    expect(describeAttention(items[1]!)).toBe(
      "Approval pending: drain 12 on pool-a1 by demo-operator, requested 2026-12-06 05:00 UTC, cancelled at 2026-12-06 05:30 UTC unless decided",
    );
  });

  it("says nothing when nothing is waiting", () => {
    expect(rankNeedsAttention({ ...base, poolUtilization: [], pendingApprovals: [] })).toEqual([]);
  });
});
