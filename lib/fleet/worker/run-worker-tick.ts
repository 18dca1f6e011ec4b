import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getPrisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getFleetProvider } from "../get-fleet-provider";
import { toPoolTarget } from "../load-pool";
import type { FleetProvider } from "../provider";
import { claimNextAction, expireUnapprovedActions } from "./claim-action";
import type { StepContext, StepOutcome } from "./step-context";
import { parseStepDetail, parseStepName, STEP_DETAIL_SCHEMAS, type StepDetail, type StepDetails } from "./step-details";
import { STEP_EXECUTORS } from "./step-executors";
import { type StepName, UNCORDON_STEP } from "./step-plan";
import { cordonedNodesOf } from "./uncordon-nodes-step";

type Json = Prisma.InputJsonValue;
const WORKER = { actor: "fleet-worker", actorRole: "system" };

/**
 * Runs one step of one due action, if any: "ran" or "idle". Every write is conditioned on still
 * holding the lease, so a worker whose lease lapsed (it hung) cannot overwrite its successor.
 */
export async function runWorkerTick(args: { workerId: string; provider?: FleetProvider }): Promise<"ran" | "idle"> {
  const prisma = getPrisma();
  await expireUnapprovedActions();
  const actionId = await claimNextAction(args.workerId);
  if (!actionId) return "idle";
  const held = { id: actionId, lockedBy: args.workerId };
  const release = (data: Prisma.PoolActionUpdateManyMutationInput = {}) =>
    prisma.poolAction.updateMany({ where: held, data: { ...data, lockedBy: null, lockedUntil: null } });

  const action = await prisma.poolAction.findUniqueOrThrow({
    where: { id: actionId },
    include: { steps: { orderBy: { seq: "asc" } }, pool: true, approvals: true },
  });
  const now = new Date();
  const finish = async (state: "succeeded" | "failed" | "cancelled", error: string | null) => {
    await prisma.$transaction(async (tx) => {
      await tx.poolAction.updateMany({
        where: held,
        data: { state, error, finishedAt: new Date(), lockedBy: null, lockedUntil: null },
      });
      // A step interrupted by a cancel or a failure must not read as still running.
      if (state !== "succeeded")
        await tx.poolActionStep.updateMany({
          where: { actionId, state: "running" },
          data: { state: state === "cancelled" ? "cancelled" : "failed", finishedAt: new Date() },
        });
      await tx.pool.update({ where: { id: action.poolId }, data: { state: "active" } });
      await recordAuditEvent(
        {
          ...WORKER,
          action: `action.${state}`,
          poolId: action.poolId,
          params: { actionId, kind: action.kind, count: action.count },
          outcome: state === "failed" ? "failed" : "succeeded",
          message: error,
        },
        tx,
      );
    });
  };

  /**
   * Ends an action that stops early. A drain that cordoned nodes first gets an uncordon-nodes step
   * (run by the next tick, resumed after a crash like any step) and keeps running until it is done;
   * its error is stored now, and tells which final state it then reaches (null: cancelled).
   */
  const stop = async (
    state: "failed" | "cancelled",
    error: string | null,
    failedStep?: { id: number; detail: Json },
  ) => {
    const compensating = await prisma.$transaction(async (tx) => {
      if (failedStep)
        await tx.poolActionStep.update({
          where: { id: failedStep.id },
          data: { state: "failed", finishedAt: new Date(), detail: failedStep.detail },
        });
      const cordon =
        action.kind === "drain"
          ? await tx.poolActionStep.findFirst({ where: { actionId, name: "cordon-nodes" }, select: { detail: true } })
          : null;
      if (cordonedNodesOf(parseStepDetail("cordon-nodes", cordon?.detail)).length === 0) return false;
      const kept = await tx.poolAction.updateMany({
        where: held,
        data: { error, nextRunAt: new Date(), lockedBy: null, lockedUntil: null },
      });
      if (kept.count === 0) return true; // the lease lapsed: the successor decides
      await tx.poolActionStep.updateMany({
        where: { actionId, state: "running" },
        data: { state, finishedAt: new Date() },
      });
      await tx.poolActionStep.create({
        data: { actionId, seq: action.steps[action.steps.length - 1]!.seq + 1, name: UNCORDON_STEP, state: "pending" },
      });
      return true;
    });
    if (!compensating) await finish(state, error);
  };

  const uncordon = action.steps.find((s) => s.name === UNCORDON_STEP);
  // After uncordon-nodes the action ends as it stopped: its stored error (null: cancelled) says how.
  const finishStopped = () => finish(action.error ? "failed" : "cancelled", action.error);
  if (uncordon?.state === "succeeded" || uncordon?.state === "failed") {
    await finishStopped(); // a crash came between the step and the finish
    return "ran";
  }
  if (action.cancelRequested && !uncordon) {
    await stop("cancelled", null);
    return "ran";
  }
  if (action.approvalReasons.length > 0 && action.state === "pending") {
    const valid = action.approvals.some(
      (a) => a.paramsHash === action.requestHash && a.expiresAt > now && a.approvedBy !== action.requestedBy,
    );
    if (!valid) {
      await finish("failed", "no valid approval for these parameters (expired or missing)");
      return "ran";
    }
  }
  // Once uncordon-nodes exists it is the only step left to run (a cancel does not skip it).
  const step = uncordon ?? action.steps.find((s) => s.state !== "succeeded");
  if (!step) {
    await finish("succeeded", null);
    return "ran";
  }

  const provider = args.provider ?? (await getFleetProvider());
  const stepStartedAt = step.startedAt ?? now;
  await prisma.$transaction([
    prisma.poolAction.updateMany({ where: held, data: { state: "running", startedAt: action.startedAt ?? now } }),
    prisma.poolActionStep.update({
      where: { id: step.id },
      data: { state: "running", attempts: { increment: 1 }, startedAt: stepStartedAt },
    }),
    prisma.pool.update({
      where: { id: action.poolId },
      data: { state: action.kind === "launch" ? "scaling" : "draining" },
    }),
  ]);
  // The newest saved detail: a step that fails after saving progress (nodes already cordoned) keeps it.
  let latestDetail: StepDetail | null = null;
  try {
    const name = parseStepName(step.name);
    const detail = parseStepDetail(name, step.detail);
    latestDetail = detail;
    const outcome = await runStep(name, {
      action: { id: action.id, kind: action.kind, count: action.count },
      target: toPoolTarget(action.pool),
      provider,
      detail,
      earlier: parseEarlierDetails(action.steps.filter((s) => s.seq < step.seq)),
      saveDetail: async (saved) => {
        latestDetail = saved;
        await prisma.poolActionStep.update({ where: { id: step.id }, data: { detail: saved } });
      },
      attempts: step.attempts + 1,
      stepStartedAt,
    });
    const last = step.seq === action.steps[action.steps.length - 1]!.seq;
    await prisma.poolActionStep.update({
      where: { id: step.id },
      data: { detail: outcome.detail, ...(outcome.done ? { state: "succeeded", finishedAt: new Date() } : {}) },
    });
    if (outcome.done && step === uncordon) await finishStopped();
    else if (outcome.done && last) await finish("succeeded", null);
    else await release({ nextRunAt: new Date(Date.now() + (outcome.done ? 0 : outcome.retryInSeconds * 1000)) });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const failedStep = { id: step.id, detail: { ...latestDetail, error: message } };
    if (step !== uncordon) {
      await stop("failed", `${step.name}: ${message}`, failedStep);
    } else {
      // Giving nodes back failed: recorded on the step, and the action still ends as it was going to.
      await prisma.poolActionStep.update({
        where: { id: step.id },
        data: { state: "failed", finishedAt: new Date(), detail: failedStep.detail },
      });
      await finishStopped();
    }
  }
  return "ran";
}

// Generic in the step's name, so the executor and its context agree on the detail's type.
function runStep<N extends StepName>(name: N, ctx: StepContext<N>): Promise<StepOutcome<N>> {
  return STEP_EXECUTORS[name](ctx);
}

/** The details of the steps before the current one, by name, each parsed with its step's schema. */
function parseEarlierDetails(steps: Array<{ name: string; detail: unknown }>): Partial<StepDetails> {
  const earlier: Partial<StepDetails> = {};
  const put = <N extends StepName>(name: N, detail: unknown) => {
    earlier[name] = STEP_DETAIL_SCHEMAS[name].parse(detail ?? {});
  };
  for (const s of steps) put(parseStepName(s.name), s.detail);
  return earlier;
}
