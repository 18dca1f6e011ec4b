// One coherent generated AWS account for the fake account (fake-account.ts): the same fleet seen
// from Auto Scaling, EC2, the Price List, EKS and each cluster's Kubernetes API, plus the fleet
// config file that describes it. Pure and deterministic: the same options give the same account.
//
// Pool i (of `pools`) is an ASG when i % 3 == 0, else an EKS node group (i % 3 == 1) or a Karpenter
// NodePool (i % 3 == 2) of cluster g % clusters, g = floor(i / 3) (all ASGs without clusters); ASGs
// go to region g % regions. It runs TYPES[i % 4] and serves model i % models. Beside them, in the
// first region: an Inferentia ASG (unsupported), an ASG the config excludes, one without fleet
// tags, an EKS cluster the config does not name, and on the last cluster a NodePool whose pods
// carry a label no model declares. Reservations: see addReservations.
import type { FakeEksCluster, FakeEksState, FakeNodegroup } from "./fake-eks";
import {
  emptyRegion,
  type FakeAsg,
  type FakeAwsState,
  type FakeLaunchTemplate,
  INSTANCE_TYPES,
  linuxPrice,
} from "./fleet-state";
import { fleetConfig } from "./fake-account-config";
import {
  listPrice,
  MODEL_LABEL,
  MODEL_TAG,
  POOL_TAG,
  TYPES,
  UNKNOWN_LABEL,
  UNSUPPORTED_TYPE,
  zoneOf,
  REGIONS,
} from "./fake-account-names";
import { addReservations } from "./fake-account-reservations";
import type { FakeInventoryCluster, FakeNodeClaim, FakeNodePool } from "../inventory-eks/fake-inventory-cluster";

export * from "./fake-account-names";

const MODEL_NAMES: [string, "llm" | "vlm" | "ranking"][] = [
  ["atlas-70b", "llm"],
  ["helios-405b", "llm"],
  ["iris-vl-7b", "vlm"],
  ["rank-xl", "ranking"],
];

export type FakeAccountShape = { pools: number; regions: number; clusters: number; models?: number };

export type GeneratedAccount = {
  regions: string[];
  clusters: { name: string; region: string }[];
  models: { id: string; label: string; kind: "llm" | "vlm" | "ranking" }[];
  aws: FakeAwsState;
  eks: FakeEksState;
  /** Each configured cluster's Kubernetes side, by cluster name. */
  kube: Record<string, FakeInventoryCluster>;
  /** The fleet config file's content, as an object to write as YAML. */
  config: Record<string, unknown>;
  /** The Capacity Block the config prices. */
  capacityBlockId: string;
};

const pad = (i: number) => String(i).padStart(4, "0");
const fleetTags = (model?: string) => ({ [POOL_TAG.key]: POOL_TAG.value, ...(model ? { [MODEL_TAG]: model } : {}) });

export function generateAccount(shape: FakeAccountShape): GeneratedAccount {
  const regions = REGIONS.slice(0, shape.regions);
  const clusters = Array.from({ length: shape.clusters }, (_, c) => ({
    name: `ml-${String(c + 1).padStart(2, "0")}`,
    region: regions[c % regions.length]!,
  }));
  const models = Array.from({ length: shape.models ?? 4 }, (_, m) => {
    const [name, kind] = MODEL_NAMES[m % MODEL_NAMES.length]!;
    const id = m < MODEL_NAMES.length ? name : `${name}-${Math.floor(m / MODEL_NAMES.length) + 1}`;
    // The first model is labelled other than its id, so the label → model mapping is exercised.
    return { id, label: m === 0 ? `${id}-chat` : id, kind };
  });
  const aws: FakeAwsState = { regions: {}, priceList: [] };
  const eks: FakeEksState = { regions: {} };
  const kube: Record<string, FakeInventoryCluster> = {};
  for (const region of regions) {
    aws.regions[region] = { ...emptyRegion(), instanceTypes: Object.values(INSTANCE_TYPES) };
    eks.regions[region] = { clusters: [] };
  }
  const eksClusters = new Map<string, FakeEksCluster>();
  const asgTypes = new Map<string, string>();
  for (const c of clusters) {
    const cluster: FakeEksCluster = { name: c.name, nodegroups: [] };
    eksClusters.set(c.name, cluster);
    eks.regions[c.region]!.clusters.push(cluster);
    kube[c.name] = { nodes: [], pods: [], nodePools: [], nodeClaims: [] };
  }

  for (let i = 0; i < shape.pools; i++) {
    const g = Math.floor(i / 3);
    const kind = clusters.length === 0 ? 0 : i % 3;
    const type = TYPES[i % TYPES.length]!;
    const model = models[i % models.length]!.label;
    if (kind === 0) {
      const region = regions[g % regions.length]!;
      addAsg(aws, fleetAsg({ name: `asg-${pad(i)}`, region, g, type, model }));
      asgTypes.set(`asg-${pad(i)}`, type);
      continue;
    }
    const cluster = clusters[g % clusters.length]!;
    const k8s = kube[cluster.name]!;
    if (kind === 1) {
      const ng = addNodegroup({ k8s, name: `ng-${pad(i)}`, region: cluster.region, g, type, model });
      eksClusters.get(cluster.name)!.nodegroups.push(ng);
      // EKS runs each managed node group as an ASG with its tags: Auto Scaling lists it too.
      aws.regions[cluster.region]!.asgs.push({
        name: `eks-${ng.name}-${cluster.name}`,
        minSize: ng.scaling.min,
        desiredCapacity: ng.scaling.desired,
        maxSize: ng.scaling.max,
        availabilityZones: [zoneOf(cluster.region, 0), zoneOf(cluster.region, 1)],
        tags: { ...fleetTags(), "eks:cluster-name": cluster.name, "eks:nodegroup-name": ng.name },
        instances: [],
      });
    } else addNodePool({ k8s, name: `np-${pad(i)}`, region: cluster.region, g, type, model });
  }

  const first = regions[0]!;
  const legacy = fleetAsg({
    name: "legacy-inf2",
    region: first,
    g: 0,
    type: UNSUPPORTED_TYPE,
    model: models[0]!.label,
  });
  const misc = fleetAsg({ name: "batch-misc", region: first, g: 1, type: "c7g.16xlarge" });
  const web = fleetAsg({ name: "web-frontend", region: first, g: 0, type: "m5.xlarge" });
  addAsg(aws, legacy);
  addAsg(aws, { ...misc, asg: { ...misc.asg, tags: fleetTags() } });
  addAsg(aws, { ...web, asg: { ...web.asg, tags: { team: "web" } } });
  eks.regions[first]!.clusters.push({
    name: "sandbox",
    nodegroups: [{ name: "ng-scratch", instanceTypes: ["m7g.8xlarge"], scaling: { min: 0, desired: 1, max: 2 } }],
  });
  const last = clusters.at(-1);
  if (last)
    addNodePool({
      k8s: kube[last.name]!,
      name: "np-experimental",
      region: last.region,
      g: 0,
      type: TYPES[1]!,
      model: UNKNOWN_LABEL,
    });

  const capacityBlockId = addReservations({ aws, asgTypes, regions, kube, clusters });
  regions.forEach((region, r) => {
    for (const type of [...TYPES, UNSUPPORTED_TYPE])
      aws.priceList.push(linuxPrice(type, region, listPrice(type, r).toFixed(4), `SKU${r}${type.replace(/\W/g, "")}`));
  });
  // A Windows product the filters must leave out.
  aws.priceList.push({ ...linuxPrice(TYPES[0]!, first, "99.0000", "SKUWINDOWS"), operatingSystem: "Windows" });

  return {
    regions,
    clusters,
    models,
    aws,
    eks,
    kube,
    config: fleetConfig({ regions, clusters, models, capacityBlockId }),
    capacityBlockId,
  };
}

/** A fleet ASG: its type from overrides (g % 3 == 0), its instances (1) or its launch template only (2, scaled to zero). */
type GeneratedAsg = { region: string; asg: FakeAsg; template: FakeLaunchTemplate };

function addAsg(aws: FakeAwsState, { region, asg, template }: GeneratedAsg) {
  aws.regions[region]!.asgs.push(asg);
  aws.regions[region]!.launchTemplates.push(template);
}

function fleetAsg(a: { name: string; region: string; g: number; type: string; model?: string }): GeneratedAsg {
  const way = a.g % 3;
  const zones = [zoneOf(a.region, a.g), zoneOf(a.region, a.g + 1)];
  const template = {
    id: `lt-${Buffer.from(a.name).toString("hex").slice(0, 17).padEnd(17, "0")}`,
    name: `${a.name}-lt`,
  };
  const desired = way === 2 ? 0 : 2;
  const asg: FakeAsg = {
    name: a.name,
    minSize: way === 2 ? 0 : 1,
    desiredCapacity: desired,
    maxSize: 6,
    availabilityZones: zones,
    tags: fleetTags(a.model),
    instances: Array.from({ length: desired }, (_, k) => ({
      id: `i-${Buffer.from(`${a.name}/${k}`).toString("hex").slice(-17)}`,
      instanceType: a.type,
      availabilityZone: zones[k % 2]!,
      lifecycleState: "InService" as const,
    })),
    ...(way === 0
      ? { mixedInstances: { launchTemplate: template, overrideTypes: [a.type] } }
      : { launchTemplate: template }),
  };
  // Version 1 ran the previous type; the default (2) runs this one.
  const versions = [
    { versionNumber: 1, instanceType: "m5.xlarge" },
    { versionNumber: 2, instanceType: a.type },
  ];
  return { region: a.region, asg, template: { ...template, defaultVersion: 2, versions } };
}

/** Node group: 2 nodes in zones a and b, one model pod each; odd g: only its launch template names the type. */
function addNodegroup(a: {
  k8s: FakeInventoryCluster;
  name: string;
  region: string;
  g: number;
  type: string;
  model: string;
}): FakeNodegroup {
  for (let k = 0; k < 2; k++) {
    const labels = { "eks.amazonaws.com/nodegroup": a.name };
    addNode(a.k8s, `${a.name}-node-${k}`, labels, zoneOf(a.region, k), a.type, a.model);
  }
  return {
    name: a.name,
    instanceTypes: a.g % 2 === 0 ? [a.type] : null,
    ...(a.g % 2 === 0 ? {} : { launchTemplate: { id: "lt-0eks000000000001", name: `${a.name}-lt`, version: "3" } }),
    scaling: { min: 1, desired: 2, max: 5 },
    tags: { team: "serving" },
  };
}

/**
 * NodePool. Even g: type and zone pinned by requirements, limits.nodes 10, 2 NodeClaims. Odd g: an
 * instance-family requirement only, 3 NodeClaims in zones a, b, a (type and zones from them, max = desired).
 */
function addNodePool(a: {
  k8s: FakeInventoryCluster;
  name: string;
  region: string;
  g: number;
  type: string;
  model: string;
}) {
  const pinned = a.g % 2 === 0;
  const pool: FakeNodePool = pinned
    ? {
        name: a.name,
        labels: { team: "serving" },
        requirements: [
          { key: "node.kubernetes.io/instance-type", operator: "In", values: [a.type] },
          { key: "topology.kubernetes.io/zone", operator: "In", values: [zoneOf(a.region, a.g + 2)] },
        ],
        limits: { nodes: "10", cpu: "4000" },
      }
    : {
        name: a.name,
        requirements: [{ key: "karpenter.k8s.aws/instance-family", operator: "In", values: [a.type.split(".")[0]!] }],
      };
  a.k8s.nodePools.push(pool);
  const zones = pinned ? [a.g + 2, a.g + 2] : [0, 1, 0];
  zones.forEach((z, k) => {
    const claim: FakeNodeClaim = {
      name: `${a.name}-${k}`,
      nodePool: a.name,
      instanceType: a.type,
      zone: zoneOf(a.region, z),
    };
    a.k8s.nodeClaims.push(claim);
    addNode(a.k8s, `${a.name}-node-${k}`, { "karpenter.sh/nodepool": a.name }, claim.zone!, a.type, a.model);
  });
}

function addNode(
  k8s: FakeInventoryCluster,
  name: string,
  pool: Record<string, string>,
  zone: string,
  type: string,
  model: string,
) {
  k8s.nodes.push({
    name,
    labels: { ...pool, "topology.kubernetes.io/zone": zone, "node.kubernetes.io/instance-type": type },
  });
  k8s.pods.push(
    { namespace: "serving", name: `${name}-serve`, node: name, phase: "Running", labels: { [MODEL_LABEL]: model } },
    { namespace: "kube-system", name: `${name}-neuron-monitor`, node: name, phase: "Running", daemonSet: true },
    {
      namespace: "serving",
      name: `${name}-old`,
      node: name,
      phase: "Succeeded",
      labels: { [MODEL_LABEL]: "retired-model" },
    },
  );
}
