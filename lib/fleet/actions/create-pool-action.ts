import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/parse-input";
import { describeActionInputIssues } from "./action-input-messages";
import { STEP_PLANS } from "../worker/step-plan";
import { ZIdempotencyKey, ZPoolActionRequest } from "./action-input";
import { computeActionPreview } from "./compute-action-preview";
import { evaluateGuardrails } from "./evaluate-guardrails";
import { getPoolApprovalRule } from "./get-approval-policy";
import { getGuardrailSettings } from "./guardrail-settings";
import { ACTIVE_STATES, type PoolActionDto } from "./action-dto";
import { countRecentDrains } from "./count-recent-drains";
import { getPoolAction } from "./get-pool-action";
import { requestHash } from "./request-hash";

type Meta = { sourceIp: string | null; userAgent: string | null };

/**
 * Validates a launch/drain request, applies every guardrail on a fresh preview and records the
 * action (with its planned steps and audit row) in one transaction. Idempotent by key: the same key
 * and body return the first action; the same key with another body is a 409.
 */
export async function createPoolAction(args: {
  poolId: string;
  body: unknown;
  idempotencyKey: string | null;
  user: SessionUser;
  meta: Meta;
}): Promise<{ action: PoolActionDto; replayed: boolean }> {
  const key = parseInput(ZIdempotencyKey, args.idempotencyKey ?? "");
  const request = parseInput(ZPoolActionRequest, args.body, describeActionInputIssues);
  const hash = requestHash({ poolId: args.poolId, ...request });
  const prisma = getPrisma();

  const findKey = (db: Pick<typeof prisma, "poolAction"> = prisma) =>
    db.poolAction.findUnique({
      where: { idempotencyKey: key },
      select: { id: true, requestHash: true, requestedBy: true },
    });
  const replay = async (existing: { id: string; requestHash: string; requestedBy: string } | null) => {
    if (!existing) return null;
    // Keys are each user's own: another user's key must not replay (or even name) that user's action.
    if (existing.requestedBy !== args.user.id)
      throw new AppError("CONFLICT", `Idempotency-Key ${key} is another user's: send a key of your own`);
    if (existing.requestHash !== hash)
      throw new AppError(
        "CONFLICT",
        `Idempotency-Key ${key} was already used with a different request (action ${existing.id})`,
      );
    // A replay changes nothing, but who asked again, and from where, is part of the record.
    await recordAuditEvent({
      actor: args.user.id,
      actorRole: args.user.role,
      action: `pool.${request.kind}`,
      poolId: args.poolId,
      params: { actionId: existing.id, replayed: true },
      outcome: "succeeded",
      reason: request.reason,
      message: "replayed: same Idempotency-Key and request, no new action",
      ...args.meta,
    });
    return { action: await getPoolAction({ actionId: existing.id }), replayed: true };
  };
  // Fast path, before the preview and guardrails: a retry of a settled request is answered as it was.
  const replayed = await replay(await findKey());
  if (replayed) return replayed;

  if (request.confirmPoolName !== args.poolId)
    throw new AppError("UNPROCESSABLE", `Type the pool's name, ${args.poolId}, to confirm.`, {
      fields: { confirmPoolName: `Type ${args.poolId} exactly.` },
    });
  const preview = await computeActionPreview({ poolId: args.poolId, request });
  const settings = await getGuardrailSettings();
  const rule = await getPoolApprovalRule(args.poolId);
  const recentDrained = request.kind === "drain" ? await countRecentDrains({ poolId: args.poolId, settings }) : 0;
  const verdict = evaluateGuardrails({
    preview,
    overrides: request.overrides,
    settings,
    rule,
    actorRole: args.user.role,
    recentDrained,
  });
  if (verdict.refusals.length)
    throw new AppError("UNPROCESSABLE", `refused: ${verdict.refusals.join("; ")}`, { refusals: verdict.refusals });
  if (verdict.overridesRequired.length) {
    throw new AppError(
      "UNPROCESSABLE",
      `needs an explicit override with a reason: ${verdict.overridesRequired.map((o) => `${o.key} (${o.message})`).join("; ")}`,
      {
        overridesRequired: verdict.overridesRequired,
      },
    );
  }
  const needsApproval = verdict.approvalReasons.length > 0;
  const now = new Date();

  try {
    const created = await prisma.$transaction(async (tx) => {
      // A retry racing its original must get the replay, not the original's "already has an active
      // action": requests with one key are serialized (this lock, always taken before the pool's row
      // lock), and the key is looked up again under it before the active-action check.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`pool-action-key:${key}`}, 0))`;
      const existing = await findKey(tx);
      if (existing) return { existing };
      // Serialize actions per pool: the row lock makes "one active action per pool" hold under races.
      await tx.$queryRaw`SELECT id FROM "Pool" WHERE id = ${args.poolId} FOR UPDATE`;
      const active = await tx.poolAction.findFirst({
        where: { poolId: args.poolId, state: { in: [...ACTIVE_STATES] } },
        select: { id: true, kind: true, state: true },
      });
      if (active)
        throw new AppError(
          "CONFLICT",
          `pool ${args.poolId} already has an active ${active.kind} (action ${active.id}, ${active.state})`,
          { activeActionId: active.id },
        );
      const action = await tx.poolAction.create({
        data: {
          poolId: args.poolId,
          kind: request.kind,
          count: preview.count,
          requestedBy: args.user.id,
          requestedRole: args.user.role,
          reason: request.reason,
          idempotencyKey: key,
          requestHash: hash,
          preview,
          overrides: Object.keys(request.overrides).length ? request.overrides : undefined,
          approvalReasons: verdict.approvalReasons,
          approvalDeadline: needsApproval ? new Date(now.getTime() + settings.approvalTtlMinutes * 60_000) : null,
          state: needsApproval ? "awaiting_approval" : "pending",
          steps: { create: STEP_PLANS[request.kind].map((name, seq) => ({ seq, name, state: "pending" })) },
        },
        select: { id: true },
      });
      await recordAuditEvent(
        {
          actor: args.user.id,
          actorRole: args.user.role,
          action: `pool.${request.kind}`,
          poolId: args.poolId,
          params: {
            actionId: action.id,
            mode: request.mode,
            count: preview.count,
            overrides: request.overrides,
            approvalReasons: verdict.approvalReasons,
            allowedAlone: verdict.allowedAlone,
            policy: verdict.policySources,
          },
          outcome: "succeeded",
          reason: request.reason,
          message: needsApproval ? "requested; awaiting approval" : "requested",
          ...args.meta,
        },
        tx,
      );
      return { id: action.id };
    });
    if (created.existing) return (await replay(created.existing))!;
    return { action: await getPoolAction({ actionId: created.id }), replayed: false };
  } catch (err) {
    // Backstop (the key lock makes it unreachable in practice): the unique key refused a second insert.
    if ((err as { code?: string }).code === "P2002") {
      const raced = await replay(await findKey());
      if (raced) return raced;
    }
    throw err;
  }
}
