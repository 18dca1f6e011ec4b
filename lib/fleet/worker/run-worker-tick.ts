import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/observability/logger";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ZRole } from "@/lib/auth/roles";
import { recheckGuardrails } from "../actions/recheck-guardrails";
import { getFleetProvider } from "../get-fleet-provider";
import { toPoolTarget } from "../load-pool";
import type { FleetProvider } from "../provider";
import { type ActionLease, createActionLease, fencedProvider, LeaseLostError } from "./action-lease";
import { claimNextAction, expireUnapprovedActions } from "./claim-action";
import { classifyError } from "./classify-error";
import type { StepContext, StepOutcome } from "./step-context";
import { parseStepDetail, parseStepName, STEP_DETAIL_SCHEMAS, type StepDetail, type StepDetails } from "./step-details";
import { STEP_EXECUTORS } from "./step-executors";
import { type StepName, UNCORDON_STEP } from "./step-plan";
import { loadObservedBootSeconds } from "./observed-boot-seconds";
import { skipPendingSteps } from "./skip-pending-steps";
import { cordonedNodesOf } from "./uncordon-nodes-step";

type Json = Prisma.InputJsonValue;
const WORKER = { actor: "fleet-worker", actorRole: "system" };
/** How long a step keeps retrying transient errors (connection resets, timeouts, throttling, 5xx). */
export const TRANSIENT_RETRY_BUDGET_MS = 10 * 60_000;
const transientBackoffSeconds = (failures: number) => Math.min(60, 2 ** Math.min(failures, 6));

/**
 * Runs one step of one due action, if any: "ran" or "idle". Every write (the step's start, detail
 * and end, the action's state) and every provider call is fenced by the lease (action-lease.ts), so
 * a worker whose lease lapsed (it hung) stops quietly instead of overwriting its successor.
 */
export async function runWorkerTick(args: { workerId: string; provider?: FleetProvider }): Promise<"ran" | "idle"> {
  await expireUnapprovedActions();
  const claimed = await claimNextAction(args.workerId);
  if (!claimed) return "idle";
  const lease = createActionLease({ actionId: claimed.id, workerId: args.workerId, epoch: claimed.epoch });
  try {
    await runClaimedAction({ ...args, actionId: claimed.id, epoch: claimed.epoch, lease });
  } catch (err) {
    if (!(err instanceof LeaseLostError)) throw err; // fenced out (logged by the lease): the successor decides
  }
  return "ran";
}

async function runClaimedAction(args: {
  workerId: string;
  provider?: FleetProvider;
  actionId: string;
  epoch: number;
  lease: ActionLease;
}): Promise<void> {
  const prisma = getPrisma();
  const { actionId, lease } = args;
  const held = { id: actionId, lockedBy: args.workerId, leaseEpoch: args.epoch };
  const release = (data: Prisma.PoolActionUpdateManyMutationInput = {}) =>
    lease.write((tx) =>
      tx.poolAction.updateMany({ where: held, data: { ...data, lockedBy: null, lockedUntil: null } }),
    );

  const action = await prisma.poolAction.findUniqueOrThrow({
    where: { id: actionId },
    include: { steps: { orderBy: { seq: "asc" } }, pool: true, approvals: true },
  });
  const now = new Date();
  const finish = async (state: "succeeded" | "failed" | "cancelled", error: string | null) => {
    await lease.write(async (tx) => {
      await tx.poolAction.updateMany({
        where: held,
        data: { state, error, finishedAt: new Date(), lockedBy: null, lockedUntil: null },
      });
      // A step interrupted by a cancel or a failure must not read as still running, and the steps
      // it never reached read "skipped", not "pending" (they will never run).
      if (state !== "succeeded") {
        await tx.poolActionStep.updateMany({
          where: { actionId, state: "running" },
          data: { state: state === "cancelled" ? "cancelled" : "failed", finishedAt: new Date() },
        });
        await skipPendingSteps(tx, actionId);
      }
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
    const compensating = await lease.write(async (tx) => {
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
      await tx.poolAction.updateMany({
        where: held,
        data: { error, nextRunAt: new Date(), lockedBy: null, lockedUntil: null },
      });
      await tx.poolActionStep.updateMany({
        where: { actionId, state: "running" },
        data: { state, finishedAt: new Date() },
      });
      // Skipped before uncordon-nodes is added: that step is pending and will run.
      await skipPendingSteps(tx, actionId);
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
    return;
  }
  if (action.cancelRequested && !uncordon) {
    await stop("cancelled", null);
    return;
  }
  if (action.approvalReasons.length > 0 && action.state === "pending") {
    const valid = action.approvals.some(
      (a) => a.paramsHash === action.requestHash && a.expiresAt > now && a.approvedBy !== action.requestedBy,
    );
    if (!valid) {
      await finish("failed", "no valid approval for these parameters (expired or missing)");
      return;
    }
  }
  // Before the first step, the guardrails and the approval policy once more (as at approval), on the
  // fleet and the policy as they are now: the action may have waited since it was asked for.
  if (!action.startedAt && !uncordon) {
    // A refusal the re-check itself meets (the pool was retired) stops the action too; anything
    // else (the provider unreachable) propagates, and the action is picked up again after its lease.
    const problems = await recheckGuardrails({
      action: { ...action, requestedRole: ZRole.parse(action.requestedRole) },
      at: "worker",
      provider: args.provider,
    }).catch((err: unknown) => {
      if (err instanceof AppError) return [err.message];
      throw err;
    });
    if (problems.length) {
      await finish("failed", `guardrails re-checked before the first step: ${problems.join("; ")}`);
      return;
    }
  }
  // Once uncordon-nodes exists it is the only step left to run (a cancel does not skip it).
  const step = uncordon ?? action.steps.find((s) => s.state !== "succeeded");
  if (!step) {
    await finish("succeeded", null);
    return;
  }

  const provider = fencedProvider(args.provider ?? (await getFleetProvider()), lease);
  const stepStartedAt = step.startedAt ?? now;
  await lease.write(async (tx) => {
    await tx.poolAction.updateMany({ where: held, data: { state: "running", startedAt: action.startedAt ?? now } });
    await tx.poolActionStep.update({
      where: { id: step.id },
      data: { state: "running", attempts: { increment: 1 }, startedAt: stepStartedAt },
    });
    await tx.pool.update({
      where: { id: action.poolId },
      data: { state: action.kind === "launch" ? "scaling" : "draining" },
    });
  });
  // The newest saved detail: a step that fails after saving progress (nodes already cordoned) keeps it.
  let latestDetail: StepDetail | null = null;
  let stepEnded = false;
  try {
    const name = parseStepName(step.name);
    const detail = parseStepDetail(name, step.detail);
    latestDetail = detail;
    const run = runStep(name, {
      action: { id: action.id, kind: action.kind, count: action.count },
      target: toPoolTarget(action.pool),
      provider,
      detail,
      earlier: parseEarlierDetails(action.steps.filter((s) => s.seq < step.seq)),
      saveDetail: async (saved) => {
        await lease.write((tx) => tx.poolActionStep.update({ where: { id: step.id }, data: { detail: saved } }));
        latestDetail = saved;
      },
      attempts: step.attempts + 1,
      stepStartedAt,
      observedBootSeconds: () => loadObservedBootSeconds({ poolId: action.poolId, exceptActionId: action.id }),
    });
    const outcome = await lease.keepWhile(run);
    const last = step.seq === action.steps[action.steps.length - 1]!.seq;
    await lease.write((tx) =>
      tx.poolActionStep.update({
        where: { id: step.id },
        data: { detail: outcome.detail, ...(outcome.done ? { state: "succeeded", finishedAt: new Date() } : {}) },
      }),
    );
    latestDetail = outcome.detail;
    stepEnded = outcome.done;
    if (outcome.done && step === uncordon) await finishStopped();
    else if (outcome.done && last) await finish("succeeded", null);
    else await release({ nextRunAt: new Date(Date.now() + (outcome.done ? 0 : outcome.retryInSeconds * 1000)) });
  } catch (err) {
    if (err instanceof LeaseLostError) throw err;
    let message = err instanceof Error ? err.message : String(err);
    if (classifyError(err) === "transient") {
      // Retried with backoff: the step stays as it was (an ended step is not run again) and the
      // action waits; the streak of failures and the last one are kept in the step's detail.
      const prev = latestDetail?.transient;
      const transient = {
        failures: (prev?.failures ?? 0) + 1,
        lastError: message,
        since: prev?.since ?? new Date().toISOString(),
      };
      if (Date.now() - Date.parse(transient.since) < TRANSIENT_RETRY_BUDGET_MS) {
        getLogger().warn({ actionId, step: step.name, err }, "transient error in a step: retried");
        await lease.write(async (tx) => {
          if (!stepEnded)
            await tx.poolActionStep.update({
              where: { id: step.id },
              data: { detail: { ...latestDetail, transient } },
            });
          await tx.poolAction.updateMany({
            where: held,
            data: {
              nextRunAt: new Date(Date.now() + transientBackoffSeconds(transient.failures) * 1000),
              lockedBy: null,
              lockedUntil: null,
            },
          });
        });
        return;
      }
      message = `${message} (still failing after ${transient.failures} attempts since ${transient.since})`;
    }
    const failedStep = { id: step.id, detail: { ...latestDetail, error: message } };
    if (step !== uncordon) {
      await stop("failed", `${step.name}: ${message}`, failedStep);
    } else {
      // Giving nodes back failed: recorded on the step, and the action still ends as it was going to.
      await lease.write((tx) =>
        tx.poolActionStep.update({
          where: { id: step.id },
          data: { state: "failed", finishedAt: new Date(), detail: failedStep.detail },
        }),
      );
      await finishStopped();
    }
  }
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
