// Training runs discovered from a fake Kubernetes API: the four workload kinds carrying the run
// label (filtered by the server's label selector), two items a page, Jobs owned by a JobSet not
// counted twice, a kind whose controller is not installed (404) read as none, RBAC refusals raised.
import { afterEach, describe, expect, it } from "vitest";
import { discoverTrainingRuns } from "@/lib/training/kubernetes/discover-training-runs";
import { DEFAULT_TRAINING_RUN_LABEL as RUN } from "@/lib/training/kubernetes/map-training-workload";
import { type FakeKube, kubeStatus, listPage, notFound, startFakeKube } from "../fleet-aws/fake-kube-server";

const kubes: FakeKube[] = [];
afterEach(async () => {
  await Promise.all(kubes.splice(0).map((k) => k.close()));
});

const meta = (name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: "train",
  creationTimestamp: "2026-12-01T10:00:00Z",
  labels,
  ...extra,
});
const trn2 = { spec: { nodeSelector: { "node.kubernetes.io/instance-type": "trn2.48xlarge" } } };

const OBJECTS: Record<string, unknown[]> = {
  jobs: [
    {
      metadata: meta("llm-sft", {
        [RUN]: "llm-sft-1",
        "fleet-console.io/model": "atlas-8b",
        "fleet-console.io/team": "t",
      }),
      spec: { parallelism: 4, template: trn2 },
      status: {
        startTime: "2026-12-01T10:05:00Z",
        completionTime: "2026-12-01T16:05:00Z",
        failed: 1,
        conditions: [{ type: "Complete", status: "True", lastTransitionTime: "2026-12-01T16:05:00Z" }],
      },
    },
    // Created by the JobSet below: counted with it.
    {
      metadata: meta("big-pretrain-workers-0", { [RUN]: "big-pretrain" }, { ownerReferences: [{ kind: "JobSet" }] }),
      spec: { parallelism: 8 },
      status: {},
    },
    { metadata: meta("unlabelled", {}), spec: {}, status: {} },
  ],
  pytorchjobs: [
    {
      metadata: meta("vlm-ft", { [RUN]: "vlm-ft-3" }),
      spec: { pytorchReplicaSpecs: { Master: { replicas: 1 }, Worker: { replicas: 7, template: trn2 } } },
      status: {
        startTime: "2026-12-01T11:00:00Z",
        conditions: [{ type: "Failed", status: "True", lastTransitionTime: "2026-12-01T12:00:00Z" }],
      },
    },
  ],
  jobsets: [
    {
      metadata: meta("big-pretrain", { [RUN]: "big-pretrain" }),
      spec: { replicatedJobs: [{ replicas: 2, template: { spec: { parallelism: 8, template: trn2 } } }] },
      status: { restarts: 2, conditions: [] },
    },
  ],
  leaderworkersets: [
    {
      metadata: meta("rl-loop", { [RUN]: "rl-loop" }),
      spec: { replicas: 2, leaderWorkerTemplate: { size: 4 } },
      status: { readyReplicas: 2 },
    },
    { metadata: meta("suspended", { [RUN]: "later" }), spec: { suspend: true }, status: {} },
    { metadata: meta("rl-loop-b", { [RUN]: "rl-loop-b" }), spec: { replicas: 1, leaderWorkerTemplate: { size: 2 } } },
  ],
};

function route(opts: { missing?: string[]; forbidden?: string[] } = {}) {
  return (r: { path: string; query: URLSearchParams }) => {
    const plural = r.path.split("/").pop()!;
    if (opts.missing?.includes(plural)) return notFound(r.path);
    if (opts.forbidden?.includes(plural))
      return { status: 403, body: kubeStatus(403, "Forbidden", `${plural} is forbidden`) };
    const selector = r.query.get("labelSelector");
    const items = (OBJECTS[plural] ?? []).filter(
      (o) => !selector || selector in ((o as { metadata: { labels: Record<string, string> } }).metadata.labels ?? {}),
    );
    return listPage("List", items, r.query);
  };
}

async function discover(opts: Parameters<typeof route>[0] = {}) {
  const kube = await startFakeKube(route(opts));
  kubes.push(kube);
  const counter = { requests: 0 };
  const runs = await discoverTrainingRuns({
    kubeConfig: kube.kubeConfig,
    cluster: "train-use1",
    runLabel: RUN,
    counter,
    pageSize: 2,
  });
  return { runs, counter, kube };
}

describe("discoverTrainingRuns", () => {
  it("maps each kind's labelled workloads to runs, counting owned Jobs with their owner", async () => {
    const { runs, kube } = await discover();
    expect(kube.requests.every((r) => r.query.get("labelSelector") === RUN)).toBe(true);
    const byName = new Map(runs.map((r) => [r.name, r]));
    expect([...byName.keys()].sort()).toEqual([
      "big-pretrain",
      "later",
      "llm-sft-1",
      "rl-loop",
      "rl-loop-b",
      "vlm-ft-3",
    ]);
    expect(byName.get("llm-sft-1")).toEqual({
      sourceKey: "k8s/train-use1/train/Job/llm-sft",
      kind: "Job",
      name: "llm-sft-1",
      model: "atlas-8b",
      team: "t",
      instances: 4,
      instanceType: "trn2.48xlarge",
      queuedAt: new Date("2026-12-01T10:00:00Z"),
      startedAt: new Date("2026-12-01T10:05:00Z"),
      endedAt: new Date("2026-12-01T16:05:00Z"),
      outcome: "succeeded",
      restarts: 1,
    });
    expect(byName.get("vlm-ft-3")).toMatchObject({
      kind: "PyTorchJob",
      instances: 8,
      instanceType: "trn2.48xlarge",
      outcome: "failed",
      endedAt: new Date("2026-12-01T12:00:00Z"),
      restarts: null,
    });
    expect(byName.get("big-pretrain")).toMatchObject({
      kind: "JobSet",
      instances: 16,
      outcome: "queued", // no start time and no ready replicas reported
      startedAt: null,
      restarts: 2,
    });
    expect(byName.get("rl-loop")).toMatchObject({ kind: "LeaderWorkerSet", instances: 8, outcome: "running" });
    expect(byName.get("later")).toMatchObject({ outcome: "queued", model: null, team: null });
  });

  it("pages through each list two items at a time", async () => {
    const { counter } = await discover();
    // jobs: 2 labelled (one page), pytorchjobs 1, jobsets 1, leaderworkersets 3 (two pages).
    expect(counter.requests).toBe(5);
  });

  it("reads a kind whose controller is not installed as no runs, and raises an RBAC refusal", async () => {
    const { runs } = await discover({ missing: ["pytorchjobs", "jobsets"] });
    expect(runs.map((r) => r.kind).sort()).toEqual(["Job", "LeaderWorkerSet", "LeaderWorkerSet", "LeaderWorkerSet"]);
    await expect(discover({ forbidden: ["jobs"] })).rejects.toThrow(/403|Forbidden/);
  });
});
