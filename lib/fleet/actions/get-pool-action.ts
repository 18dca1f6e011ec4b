import "server-only";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZRole } from "@/lib/auth/roles";
import { ZActionStepDto, type PoolActionDto } from "./action-dto";

export type { PoolActionDto } from "./action-dto";

const INCLUDE = {
  steps: { orderBy: { seq: "asc" as const } },
  approvals: { orderBy: { approvedAt: "asc" as const } },
};

type Row = NonNullable<Awaited<ReturnType<typeof findAction>>>;
const findAction = (id: string) => getPrisma().poolAction.findUnique({ where: { id }, include: INCLUDE });
const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toPoolActionDto(a: Row): PoolActionDto {
  return {
    id: a.id,
    poolId: a.poolId,
    kind: a.kind,
    count: a.count,
    state: a.state,
    requestedBy: a.requestedBy,
    requestedRole: ZRole.parse(a.requestedRole),
    reason: a.reason,
    requestHash: a.requestHash,
    preview: a.preview,
    overrides: (a.overrides as Record<string, string> | null) ?? null,
    approvalReasons: a.approvalReasons,
    approvalDeadline: iso(a.approvalDeadline),
    approvals: a.approvals.map((p) => ({
      approvedBy: p.approvedBy,
      approvedAt: p.approvedAt.toISOString(),
      expiresAt: p.expiresAt.toISOString(),
      comment: p.comment,
    })),
    rejection:
      a.rejectedBy && a.rejectedAt
        ? { rejectedBy: a.rejectedBy, rejectedAt: a.rejectedAt.toISOString(), comment: a.rejectionComment ?? "" }
        : null,
    error: a.error,
    cancelRequested: a.cancelRequested,
    createdAt: a.createdAt.toISOString(),
    startedAt: iso(a.startedAt),
    finishedAt: iso(a.finishedAt),
    // Parsed, not cast: the detail is checked against its step's schema as it leaves the database.
    steps: a.steps.map((s) =>
      ZActionStepDto.parse({
        seq: s.seq,
        name: s.name,
        state: s.state,
        attempts: s.attempts,
        detail: s.detail ?? null,
        startedAt: iso(s.startedAt),
        finishedAt: iso(s.finishedAt),
      }),
    ),
  };
}

export async function getPoolAction({ actionId }: { actionId: string }): Promise<PoolActionDto> {
  const row = /^[0-9a-f-]{36}$/.test(actionId) ? await findAction(actionId) : null;
  if (!row) throw new AppError("NOT_FOUND", `no action ${actionId.slice(0, 100)}`);
  return toPoolActionDto(row);
}

/** A pool's actions, newest first (the pool page's history). */
export async function listPoolActions({
  poolId,
  limit = 50,
}: {
  poolId: string;
  limit?: number;
}): Promise<PoolActionDto[]> {
  const rows = await getPrisma().poolAction.findMany({
    where: { poolId },
    include: INCLUDE,
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return rows.map(toPoolActionDto);
}
