import "server-only";
import { chooseDrainInstances } from "../actions/choose-drain-instances";
import { ProviderError } from "../provider-error";
import type { PodRef } from "../provider";
import type { StepContext, StepExecutor } from "./step-context";
import type { StepName } from "./step-plan";
import { trackLaunchProgress } from "./launch-progress";
import { runUncordonNodesStep } from "./uncordon-nodes-step";

// What each step does. A step may run again after a crash, so each one first looks at what
// already took effect (its saved detail, the provider's state) and only then calls the provider.

/** EKS gives up on a drain blocked by a PodDisruptionBudget after 15 minutes; so do we. */
export const EVICTION_TIMEOUT_MS = 15 * 60_000;
const backoffSeconds = (attempts: number) => Math.min(60, 2 ** Math.min(attempts, 6));

const chosenOf = (ctx: Pick<StepContext, "earlier">) => ctx.earlier["select-instances"]?.instances ?? [];
const nodesOf = (ctx: Pick<StepContext, "earlier">) => chosenOf(ctx).flatMap((i) => (i.nodeName ? [i.nodeName] : []));

export const STEP_EXECUTORS: { [N in StepName]: StepExecutor<N> } = {
  async "set-desired-capacity"(ctx) {
    const described = await ctx.provider.describePool(ctx.target);
    // The absolute target is fixed once, before the call: a re-run compares against it.
    const target = ctx.detail?.target ?? described.desired + ctx.action.count;
    // The pool's instances before the change, fixed with the target: the launch's own are the others.
    const instancesBefore = ctx.detail?.instancesBefore ?? described.instances.map((i) => i.instanceId);
    if (ctx.detail?.target === undefined)
      await ctx.saveDetail({ target, desiredBefore: described.desired, instancesBefore });
    if (described.desired === target && ctx.detail?.target !== undefined)
      return { done: true, detail: { ...ctx.detail, skippedCall: "already at target" } };
    const { ref } = await ctx.provider.setDesiredCapacity(ctx.target, target, {
      idempotencyToken: `${ctx.action.id}-launch`.slice(0, 64),
    });
    return {
      done: true,
      detail: { target, desiredBefore: ctx.detail?.desiredBefore ?? described.desired, instancesBefore, ref },
    };
  },

  async "wait-for-instances"(ctx) {
    const launched = ctx.earlier["set-desired-capacity"];
    if (launched?.target === undefined) throw new Error("set-desired-capacity saved no target");
    const status = await ctx.provider.getScalingStatus(ctx.target, {
      ref: launched.ref ?? null,
      desired: launched.target,
    });
    const now = new Date();
    // Actions planned before instancesBefore was saved cannot tell their own instances: counts only.
    const progress = launched.instancesBefore
      ? trackLaunchProgress({
          before: launched.instancesBefore,
          previous: ctx.detail?.instances,
          boots: status.instances,
          now,
          pastBootSeconds: await ctx.observedBootSeconds(),
        })
      : {};
    const detail = {
      inService: status.inService,
      target: launched.target,
      ...progress,
      observedAt: now.toISOString(),
      ...(status.message ? { message: status.message } : {}),
    };
    if (status.state === "failed") {
      await ctx.saveDetail(detail); // the failed step still shows which instances booted
      throw new ProviderError("ScalingFailed", status.message ?? "the scaling change failed");
    }
    return status.state === "succeeded" ? { done: true, detail } : { done: false, detail, retryInSeconds: 5 };
  },

  async "select-instances"(ctx) {
    if (ctx.detail?.instances) return { done: true, detail: ctx.detail };
    const { instances } = await ctx.provider.describePool(ctx.target);
    const chosen = chooseDrainInstances(instances, ctx.action.count).map((i) => ({
      instanceId: i.instanceId,
      nodeName: i.nodeName,
    }));
    if (chosen.length < ctx.action.count)
      throw new ProviderError(
        "NotEnoughInstances",
        `only ${chosen.length} instances in service, ${ctx.action.count} to drain`,
      );
    return { done: true, detail: { instances: chosen } };
  },

  async "cordon-nodes"(ctx) {
    const nodes = nodesOf(ctx);
    if (nodes.length === 0)
      return { done: true, detail: { skipped: "plain EC2 Auto Scaling instances: no Kubernetes nodes" } };
    const saved = ctx.detail ?? {};
    // Only `cordoned` is given back by uncordon-nodes: a node someone cordoned before the drain
    // (an SRE holding a suspect host) stays cordoned whatever becomes of the drain.
    const cordoned = [...(saved.cordoned ?? [])];
    const alreadyCordoned = [...(saved.alreadyCordoned ?? [])];
    const gone = [...(saved.gone ?? [])];
    const recorded = new Set([...cordoned, ...alreadyCordoned, ...gone]);
    for (const node of nodes.filter((n) => !recorded.has(n))) {
      // Named before the call: if the drain stops now, uncordon-nodes also gives this node back.
      await ctx.saveDetail({ cordoned, alreadyCordoned, gone, cordoning: node });
      const found = await ctx.provider.cordonNode(ctx.target, node);
      // The node an earlier attempt was cordoning when it stopped reads as already cordoned if
      // that call took effect: it is still ours to give back. (Had it been cordoned by hand and
      // the attempt died right after reading it, it is taken as ours too: the detail cannot tell.)
      if (found === "cordoned" || (found === "already-cordoned" && node === saved.cordoning)) cordoned.push(node);
      else if (found === "already-cordoned") alreadyCordoned.push(node);
      else gone.push(node);
      await ctx.saveDetail({ cordoned, alreadyCordoned, gone });
    }
    return { done: true, detail: { cordoned, alreadyCordoned, gone } };
  },

  async "evict-pods"(ctx) {
    const nodes = nodesOf(ctx);
    if (nodes.length === 0) return { done: true, detail: { skipped: "no Kubernetes nodes" } };
    const evicted = [...(ctx.detail?.evicted ?? [])];
    const blocked: Array<{ pod: string; pdbName: string | null; message: string }> = [];
    const perNode: Array<{ node: string; pods: number; blocked: number }> = [];
    let skippedDaemonSet = 0;
    for (const node of nodes) {
      const pods: PodRef[] = await ctx.provider.listPods(ctx.target, node);
      const blockedBefore = blocked.length;
      perNode.push({ node, pods: pods.filter((p) => !p.daemonSet).length, blocked: 0 });
      for (const pod of pods) {
        const name = `${pod.namespace}/${pod.name}`;
        if (pod.daemonSet) {
          skippedDaemonSet++;
          continue;
        }
        if (evicted.includes(name)) continue;
        const result = await ctx.provider.evictPod(ctx.target, pod);
        if (result.status === "blocked") {
          blocked.push({ pod: name, pdbName: result.pdbName, message: result.message });
          continue;
        }
        evicted.push(name);
        // Saved before the next call: a successor resuming after a crash does not evict this pod again.
        await ctx.saveDetail({ evicted, blocked, skippedDaemonSet, nodes: perNode });
      }
      perNode[perNode.length - 1]!.blocked = blocked.length - blockedBefore;
    }
    const detail = { evicted, blocked, skippedDaemonSet, nodes: perNode };
    if (blocked.length === 0) return { done: true, detail };
    if (Date.now() - ctx.stepStartedAt.getTime() > EVICTION_TIMEOUT_MS) {
      throw new ProviderError(
        "PodEvictionFailure",
        `evictions still blocked after 15 minutes by ${[...new Set(blocked.map((b) => b.pdbName ?? "a PodDisruptionBudget"))].join(", ")}`,
      );
    }
    return { done: false, detail, retryInSeconds: backoffSeconds(ctx.attempts) };
  },

  async "wait-for-pods"(ctx) {
    const nodes = nodesOf(ctx);
    const remaining: string[] = [];
    const perNode: Array<{ node: string; remaining: number }> = [];
    for (const node of nodes) {
      const left = (await ctx.provider.listPods(ctx.target, node)).filter((p) => !p.daemonSet);
      perNode.push({ node, remaining: left.length });
      remaining.push(...left.map((pod) => `${pod.namespace}/${pod.name}`));
    }
    const detail = { remaining, nodes: perNode };
    return remaining.length === 0 ? { done: true, detail } : { done: false, detail, retryInSeconds: 3 };
  },

  async "terminate-instances"(ctx) {
    const ids = chosenOf(ctx).map((i) => i.instanceId);
    await ctx.provider.terminateInstances(ctx.target, ids); // skips instances already terminating
    return { done: true, detail: { terminated: ids } };
  },

  async "wait-for-termination"(ctx) {
    const ids = new Set(chosenOf(ctx).map((i) => i.instanceId));
    const { instances } = await ctx.provider.describePool(ctx.target);
    const left = instances
      .filter((i) => ids.has(i.instanceId) && i.lifecycle !== "terminated")
      .map((i) => i.instanceId);
    return left.length === 0 ? { done: true, detail: { left } } : { done: false, detail: { left }, retryInSeconds: 5 };
  },

  "uncordon-nodes": runUncordonNodesStep,
};
