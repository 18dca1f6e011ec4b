// Helpers for worker-with-aws-provider.test.ts: database rows for a pool and its action, one
// worker tick with the backoff pulled forward, canned AWS answers, and a stateful fake cluster.
import { randomBytes, randomUUID } from "node:crypto";
import type { AutoScalingGroup, Instance, LifecycleState } from "@aws-sdk/client-auto-scaling";
import { getPool, getPrisma } from "@/lib/db";
import type { FleetProvider } from "@/lib/fleet/provider";
import { runWorkerTick } from "@/lib/fleet/worker/run-worker-tick";
import { STEP_PLANS } from "@/lib/fleet/worker/step-plan";
import { type FakeRoute, kubeStatus, notFound, type RecordedRequest } from "./fake-kube-server";

export const REGION = "us-east-1";
export const INSTANCE_TYPE = "trn2.48xlarge";

export async function seedPool(p: {
  id: string;
  backingKind: "asg" | "eks_nodegroup";
  backingId: string;
  clusterName: string | null;
  desired: number;
}) {
  const prisma = getPrisma();
  await prisma.instancePrice.upsert({
    where: { instanceType_region: { instanceType: INSTANCE_TYPE, region: REGION } },
    create: { instanceType: INSTANCE_TYPE, region: REGION, onDemandUsdPerHour: 24.8, reservedUsdPerHour: 15.1 },
    update: {},
  });
  await prisma.model.create({
    data: { id: `${p.id}-model`, displayName: `Model of ${p.id}`, team: "inference", kind: "llm", sloP95Ms: 800 },
  });
  await prisma.pool.create({
    data: {
      id: p.id,
      backingKind: p.backingKind,
      backingId: p.backingId,
      clusterName: p.clusterName,
      chipFamily: "trainium",
      instanceType: INSTANCE_TYPE,
      region: REGION,
      availabilityZone: "us-east-1a",
      minCapacity: 0,
      desiredCapacity: p.desired,
      maxCapacity: 10,
    },
  });
  await prisma.poolModel.create({ data: { poolId: p.id, modelId: `${p.id}-model` } });
}

/** A pending action with its planned steps, as createPoolAction would store it after the checks. */
/**
 * An action as the API would have let it through. These drains take most of a small pool, which
 * the guardrails the worker re-checks before its first step allow only with an override and a
 * second admin's approval: the drain carries both, so the steps below are what is tested.
 */
export async function insertAction(poolId: string, kind: "launch" | "drain", count: number): Promise<string> {
  const requestHash = randomBytes(32).toString("hex");
  const drain = kind === "drain";
  const action = await getPrisma().poolAction.create({
    data: {
      poolId,
      kind,
      count,
      state: "pending",
      requestedBy: "demo-operator",
      reason: "test: worker with the aws provider",
      idempotencyKey: randomUUID(),
      requestHash,
      preview: {},
      overrides: drain ? { shareLimit: "test: the drain takes most of a small pool" } : {},
      approvalReasons: drain ? ["drains most of the pool at once"] : [],
      approvals: drain
        ? { create: { approvedBy: "demo-admin", paramsHash: requestHash, expiresAt: new Date(Date.now() + 3_600_000) } }
        : undefined,
      steps: { create: STEP_PLANS[kind].map((name, seq) => ({ seq, name, state: "pending" })) },
    },
  });
  return action.id;
}

/** One worker tick, the action made due first (no sleeping through backoff). */
export async function tick(actionId: string, provider: FleetProvider) {
  await getPool().query(`UPDATE "PoolAction" SET "nextRunAt" = now() WHERE id = $1`, [actionId]);
  return runWorkerTick({ workerId: "aws-test-worker", provider });
}

export const loadAction = (id: string) =>
  getPrisma().poolAction.findUniqueOrThrow({
    where: { id },
    include: { steps: { orderBy: { seq: "asc" } }, pool: true },
  });
export const stepStates = async (id: string) => (await loadAction(id)).steps.map((s) => `${s.name}:${s.state}`);

export const inst = (id: string, state: LifecycleState = "InService"): Instance => ({
  InstanceId: id,
  LifecycleState: state,
  AvailabilityZone: "us-east-1a",
  HealthStatus: "Healthy",
  ProtectedFromScaleIn: false,
});

export const asgAnswer = (
  name: string,
  desired: number,
  instances: Instance[],
  min = 0,
): { AutoScalingGroups: AutoScalingGroup[] } => ({
  AutoScalingGroups: [
    {
      AutoScalingGroupName: name,
      DesiredCapacity: desired,
      MinSize: min,
      MaxSize: 10,
      Instances: instances,
      DefaultCooldown: 300,
      AvailabilityZones: ["us-east-1a"],
      HealthCheckType: "EC2",
      CreatedTime: new Date(0),
    },
  ],
});

export const nodegroupAnswer = (desired: number, asgName: string) => ({
  nodegroup: {
    scalingConfig: { minSize: 0, maxSize: 10, desiredSize: desired },
    resources: { autoScalingGroups: [{ name: asgName }] },
    status: "ACTIVE" as const,
  },
});

export const BUDGET_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";

type FakePod = { namespace: string; name: string; node: string; app: string; daemonSet?: boolean };
export type Cluster = {
  /** `unschedulable`: cordoned before the test (by hand); the provider's PATCHes then change it. */
  nodes: Array<{ name: string; instanceId: string; created: string; unschedulable?: boolean }>;
  pods: FakePod[];
  /** The answer to the n-th (1-based) eviction of a pod: 201 removes it, 429 is a PDB refusal. */
  evict: (pod: string, attempt: number) => 201 | 429;
  /** Whether a 429 names its budget in a cause, as current API servers do. */
  namesBudget?: boolean;
};

/** A stateful fake API server: nodes (cordoned or not), pods per node, one PDB (prod/web-pdb selecting app=web). */
export function clusterRoute(cluster: Cluster): FakeRoute {
  const attempts = new Map<string, number>();
  const unschedulable = new Map(cluster.nodes.map((n) => [n.name, n.unschedulable ?? false]));
  return (r: RecordedRequest) => {
    if (r.method === "GET" && r.path === "/api/v1/nodes") {
      return {
        status: 200,
        body: {
          kind: "NodeList",
          items: cluster.nodes.map((n) => ({
            metadata: { name: n.name, creationTimestamp: n.created },
            spec: { providerID: `aws:///us-east-1a/${n.instanceId}` },
          })),
        },
      };
    }
    const named = /^\/api\/v1\/nodes\/([^/]+)$/.exec(r.path)?.[1];
    if (named && (r.method === "GET" || r.method === "PATCH")) {
      if (!unschedulable.has(named)) return notFound(`nodes "${named}"`);
      if (r.method === "PATCH")
        unschedulable.set(named, (JSON.parse(r.body) as { spec: { unschedulable: boolean } }).spec.unschedulable);
      return {
        status: 200,
        body: { kind: "Node", metadata: { name: named }, spec: { unschedulable: unschedulable.get(named) } },
      };
    }
    if (r.method === "GET" && r.path === "/api/v1/pods") {
      const node = /spec\.nodeName=([^,]+)/.exec(r.query.get("fieldSelector") ?? "")?.[1];
      const items = cluster.pods
        .filter((p) => p.node === node)
        .map((p) => ({
          metadata: {
            namespace: p.namespace,
            name: p.name,
            labels: { app: p.app },
            ownerReferences: [
              {
                apiVersion: "apps/v1",
                kind: p.daemonSet ? "DaemonSet" : "ReplicaSet",
                name: p.app,
                uid: "u",
                controller: true,
              },
            ],
          },
          spec: { nodeName: p.node, containers: [{ name: "c" }] },
          status: { phase: "Running" },
        }));
      return { status: 200, body: { kind: "PodList", items } };
    }
    if (r.method === "GET" && r.path === "/apis/policy/v1/poddisruptionbudgets") {
      return {
        status: 200,
        body: {
          kind: "PodDisruptionBudgetList",
          items: [
            { metadata: { namespace: "prod", name: "web-pdb" }, spec: { selector: { matchLabels: { app: "web" } } } },
          ],
        },
      };
    }
    const eviction = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/eviction$/.exec(r.path);
    if (r.method === "POST" && eviction) {
      const key = `${eviction[1]}/${eviction[2]}`;
      const n = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, n);
      if (cluster.evict(key, n) === 429) {
        const causes =
          cluster.namesBudget === false
            ? undefined
            : {
                causes: [
                  {
                    reason: "DisruptionBudget",
                    message: "The disruption budget web-pdb needs 2 healthy pods and has 2 currently",
                  },
                ],
              };
        return { status: 429, body: kubeStatus(429, "TooManyRequests", BUDGET_MESSAGE, causes) };
      }
      cluster.pods = cluster.pods.filter((p) => `${p.namespace}/${p.name}` !== key);
      return { status: 201, body: { kind: "Eviction", apiVersion: "policy/v1" } };
    }
    return notFound(r.path);
  };
}

/** "METHOD path" of each request, with the selector that picks nodes or a node's pods. */
export const kubeLog = (requests: RecordedRequest[]) =>
  requests.map((r) => {
    const selector =
      r.query.get("labelSelector") ?? /spec\.nodeName=([^,]+)/.exec(r.query.get("fieldSelector") ?? "")?.[1];
    return `${r.method} ${r.path}${selector ? ` [${selector}]` : ""}`;
  });
