import "server-only";
import {
  DescribeNodegroupCommand,
  type EKSClient,
  type Nodegroup,
  paginateListClusters,
  paginateListNodegroups,
  ResourceNotFoundException,
} from "@aws-sdk/client-eks";
import { getEksClient } from "@/lib/fleet/providers/aws/aws-clients";
import type { DiscoveredPool } from "@/lib/inventory/types";

// EKS read APIs are throttled per account and region; a few describes at a time keeps a large
// fleet's pass quick without spending the console's share of that rate on one sweep.
const DESCRIBE_CONCURRENCY = 5;
const PAGE_SIZE = 100; // the most ListClusters and ListNodegroups return per page

/** AWS requests sent, retries included (each attempt is a request AWS counts and may throttle). */
export type AwsCallCounter = { apiCalls: number };

/** A node group whose instance type only its launch template names (EKS then omits instanceTypes). */
export type UnresolvedNodegroupPool = Omit<DiscoveredPool, "instanceType"> & { launchTemplate: string };

export type EksNodegroupDiscovery = {
  clusters: { name: string; region: string }[];
  pools: DiscoveredPool[];
  /** Resolved from the nodes' instance-type label by completeNodegroupPools (discover-cluster). */
  unresolved: UnresolvedNodegroupPool[];
  /** Found but left out, with why: deleting, gone between list and describe, not found. */
  skipped: { sourceKey: string; reason: string }[];
  apiCalls: number;
};

/**
 * A region's EKS managed node groups as inventory pools (scope "eks/<region>"). AZs and model
 * labels stay empty: only the cluster's nodes know them (discover-cluster fills them). Node groups
 * in DELETING are skipped, so the sync retires them: nothing can be launched into them any more.
 * A cluster or node group that vanishes between list and describe is skipped; other errors
 * propagate and the caller marks the scope failed.
 */
export async function discoverEksNodegroups(args: {
  region: string;
  clusterNames?: string[];
  eks?: EKSClient;
  counter?: AwsCallCounter;
}): Promise<EksNodegroupDiscovery> {
  const eks = args.eks ?? getEksClient(args.region);
  const counter = args.counter ?? { apiCalls: 0 };
  const scope = `eks/${args.region}`;
  const skipped: EksNodegroupDiscovery["skipped"] = [];

  const listed: string[] = [];
  await countCalls(counter, async () => {
    for await (const page of paginateListClusters({ client: eks, pageSize: PAGE_SIZE }, {})) {
      counter.apiCalls += page.$metadata.attempts ?? 1;
      listed.push(...(page.clusters ?? []));
    }
  });
  const wanted = args.clusterNames ? new Set(args.clusterNames) : null;
  const clusterNames = wanted ? listed.filter((name) => wanted.has(name)) : listed;
  for (const name of args.clusterNames ?? []) {
    if (!listed.includes(name)) skipped.push({ sourceKey: `${scope}/${name}`, reason: `cluster ${name} not found` });
  }

  const targets: { cluster: string; nodegroup: string }[] = [];
  const clusters: EksNodegroupDiscovery["clusters"] = [];
  for (const cluster of clusterNames) {
    const names = await goneAsNull(() =>
      countCalls(counter, async () => {
        const found: string[] = [];
        const pages = paginateListNodegroups({ client: eks, pageSize: PAGE_SIZE }, { clusterName: cluster });
        for await (const page of pages) {
          counter.apiCalls += page.$metadata.attempts ?? 1;
          found.push(...(page.nodegroups ?? []));
        }
        return found;
      }),
    );
    if (!names) {
      skipped.push({ sourceKey: `${scope}/${cluster}`, reason: `cluster ${cluster} was deleted while listing` });
      continue;
    }
    clusters.push({ name: cluster, region: args.region });
    targets.push(...names.map((nodegroup) => ({ cluster, nodegroup })));
  }

  const described = await mapWithConcurrency(targets, DESCRIBE_CONCURRENCY, ({ cluster, nodegroup }) =>
    goneAsNull(() =>
      countCalls(counter, async () => {
        const out = await eks.send(new DescribeNodegroupCommand({ clusterName: cluster, nodegroupName: nodegroup }));
        counter.apiCalls += out.$metadata.attempts ?? 1;
        return out.nodegroup ?? null;
      }),
    ),
  );

  const pools: DiscoveredPool[] = [];
  const unresolved: UnresolvedNodegroupPool[] = [];
  targets.forEach(({ cluster, nodegroup }, i) => {
    const sourceKey = `${scope}/${cluster}/${nodegroup}`;
    const ng = described[i];
    if (!ng) return skipped.push({ sourceKey, reason: `node group ${nodegroup} was deleted while listing` });
    if (ng.status === "DELETING")
      return skipped.push({ sourceKey, reason: `node group ${nodegroup} is being deleted` });
    const pool = toPool({ ng, scope, sourceKey, cluster, nodegroup, region: args.region });
    const instanceType = ng.instanceTypes?.[0];
    if (instanceType) return pools.push({ ...pool, instanceType });
    const lt = ng.launchTemplate;
    unresolved.push({ ...pool, launchTemplate: `${lt?.name ?? lt?.id ?? "unknown"} version ${lt?.version ?? "?"}` });
  });
  return { clusters, pools, unresolved, skipped, apiCalls: counter.apiCalls };
}

function toPool(a: {
  ng: Nodegroup;
  scope: string;
  sourceKey: string;
  cluster: string;
  nodegroup: string;
  region: string;
}): Omit<DiscoveredPool, "instanceType"> {
  const scaling = a.ng.scalingConfig;
  return {
    sourceKey: a.sourceKey,
    scope: a.scope,
    backingKind: "eks_nodegroup",
    backingId: a.nodegroup,
    clusterName: a.cluster,
    region: a.region,
    availabilityZones: [],
    minCapacity: scaling?.minSize ?? 0,
    desiredCapacity: scaling?.desiredSize ?? 0,
    maxCapacity: scaling?.maxSize ?? 0,
    modelLabels: [],
    tags: a.ng.tags ?? {},
  };
}

// A successful response's attempts are counted where it is read; a failure's here, from the error.
async function countCalls<T>(counter: AwsCallCounter, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts;
    counter.apiCalls += attempts ?? 1;
    throw error;
  }
}

async function goneAsNull<T>(run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return null;
    throw error;
  }
}

/** fn over items, at most `limit` at a time, results in input order; the first error rejects and stops the rest. */
async function mapWithConcurrency<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
