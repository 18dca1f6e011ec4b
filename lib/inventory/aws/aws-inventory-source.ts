import "server-only";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { loadEksKubeConfig } from "@/lib/fleet/providers/aws/load-eks-kube-config";
import { toDeclaredCommitments, toDeclaredModels } from "@/lib/inventory/fleet-config/fleet-config-schema";
import { loadFleetConfig } from "@/lib/inventory/fleet-config/load-fleet-config";
import { completeNodegroupPools, discoverCluster } from "@/lib/inventory/kubernetes/discover-cluster";
import { formatDiscoveryError } from "@/lib/inventory/kubernetes/format-discovery-error";
import type {
  DiscoveredInstanceType,
  DiscoveredPool,
  DiscoveredPrice,
  DiscoveredReservation,
  InventorySource,
  ScopeReport,
} from "@/lib/inventory/types";
import { countApiCalls, type CountedRun } from "./api-call-counter";
import { describeAwsError } from "./describe-aws-error";
import { describeInstanceTypes } from "./describe-instance-types";
import { discoverAsgPools } from "./discover-asg-pools";
import { discoverCapacityReservations } from "./discover-capacity-reservations";
import { discoverEksNodegroups } from "./discover-eks-nodegroups";
import { getOnDemandPrices } from "./get-on-demand-prices";
import { getInventoryEksClient } from "./inventory-aws-clients";
import { mapWithConcurrency } from "./map-with-concurrency";
import { resolveAwsSnapshot } from "./resolve-aws-snapshot";

const REGION_CONCURRENCY = 3;
const CLUSTER_CONCURRENCY = 2;

// The real account as an inventory source: the fleet config file says where to look and what AWS
// cannot tell; every region's Auto Scaling, EKS, Kubernetes and EC2 APIs say what exists; the
// Price List says what it costs. Each place is a scope: one that fails keeps its last known state.
//
// Scopes: autoscaling/<region>; eks/<region> (listing clusters and node groups);
// eks/<region>/<cluster> (a cluster's node groups, complete only with its nodes' facts);
// karpenter/<region>/<cluster> (the cluster's Kubernetes API); ec2/<region>; pricing.
export function createAwsInventorySource(opts: { configFile: string | undefined }): InventorySource {
  return {
    name: "aws",
    async discover({ poolIds }) {
      if (!opts.configFile)
        throw new Error("INVENTORY_SOURCE=aws needs FLEET_CONFIG_FILE (see deploy/fleet-config.example.yaml)");
      const config = await loadFleetConfig({ path: opts.configFile });
      const scopes: ScopeReport[] = [];
      const pools: DiscoveredPool[] = [];
      const reservations: DiscoveredReservation[] = [];
      const instanceTypes = new Map<string, DiscoveredInstanceType>();
      const report = <T>(scope: string, run: CountedRun<T>, render = describeAwsError): T | undefined => {
        scopes.push({
          scope,
          ok: run.ok,
          ...(run.ok ? {} : { error: render(run.error) }),
          apiCalls: run.apiCalls,
          durationMs: run.durationMs,
        });
        return run.ok ? run.result : undefined;
      };

      await mapWithConcurrency(config.aws.regions, REGION_CONCURRENCY, async (region) => {
        const asg = await countApiCalls(() =>
          discoverAsgPools({ region, tagFilters: config.aws.autoScalingTagFilters, modelTag: config.aws.modelTag }),
        );
        pools.push(...(report(`autoscaling/${region}`, asg) ?? []));
        pools.push(...(await discoverRegionClusters({ region, config, poolIds, report })));

        const types = [...new Set(pools.filter((p) => p.region === region).map((p) => p.instanceType))];
        const ec2 = await countApiCalls(async () => ({
          types: types.length ? await describeInstanceTypes({ region, instanceTypes: types }) : [],
          reservations: await discoverCapacityReservations({ region }),
        }));
        const found = report(`ec2/${region}`, ec2);
        for (const t of found?.types ?? []) instanceTypes.set(t.instanceType, t);
        reservations.push(...(found?.reservations ?? []));
      });

      const wanted = new Map<string, Set<string>>();
      for (const x of [...pools, ...reservations]) {
        const set = wanted.get(x.region) ?? new Set<string>();
        set.add(x.instanceType);
        wanted.set(x.region, set);
      }
      const priced = await countApiCalls(async () => {
        const out: DiscoveredPrice[] = [];
        for (const [region, types] of [...wanted].sort(([a], [b]) => a.localeCompare(b)))
          out.push(
            ...(await getOnDemandPrices({
              pricingRegion: config.aws.pricingRegion,
              region,
              instanceTypes: [...types],
            })),
          );
        return out;
      });
      const prices = report("pricing", priced) ?? [];

      return resolveAwsSnapshot({
        scopes: scopes.sort((a, b) => a.scope.localeCompare(b.scope)),
        pools: pools.sort((a, b) => a.sourceKey.localeCompare(b.sourceKey)),
        instanceTypes: [...instanceTypes.values()].sort((a, b) => a.instanceType.localeCompare(b.instanceType)),
        reservations: reservations.sort((a, b) => a.id.localeCompare(b.id)),
        prices,
        models: toDeclaredModels(config),
        commitments: toDeclaredCommitments(config),
        poolOverrides: config.pools.map((o) => ({
          match: typeof o.match === "string" ? o.match : o.match.backingId,
          exclude: o.exclude,
          id: o.id,
          models: o.models,
        })),
        effectiveRateFactor: config.pricing.effectiveRateFactor,
        priceOverrides: config.pricing.overrides,
        capacityBlockPrices: config.pricing.capacityBlocks,
        poolIds,
      });
    },
  };
}

/** Clusters named by stored pools' source keys in a region: they stay stale while EKS cannot list them. */
function knownClusters(poolIds: ReadonlyMap<string, string>, region: string): string[] {
  const names = new Set<string>();
  for (const key of poolIds.keys()) {
    const [kind, r, cluster] = key.split("/");
    if ((kind === "eks" || kind === "karpenter") && r === region && cluster) names.add(cluster);
  }
  return [...names];
}

async function discoverRegionClusters(args: {
  region: string;
  config: Awaited<ReturnType<typeof loadFleetConfig>>;
  poolIds: ReadonlyMap<string, string>;
  report: <T>(scope: string, run: CountedRun<T>, render?: (e: unknown) => string) => T | undefined;
}): Promise<DiscoveredPool[]> {
  const { region, config, report } = args;
  // The EKS client keeps its own count (every attempt, including before a failure).
  const counter = { apiCalls: 0 };
  const counted = await countApiCalls(() =>
    discoverEksNodegroups({ region, clusterNames: config.aws.clusters, counter }),
  );
  const eksRun = { ...counted, apiCalls: counter.apiCalls };
  const eks = report(`eks/${region}`, eksRun, (e) => formatDiscoveryError(e, "EKS"));
  if (!eks) {
    // Without the cluster list, every cluster known from before keeps its pools, marked stale.
    const error = formatDiscoveryError(eksRun.ok ? null : eksRun.error, "EKS");
    for (const c of knownClusters(args.poolIds, region))
      for (const scope of [`eks/${region}/${c}`, `karpenter/${region}/${c}`])
        report(scope, { ok: false, error: new Error(error), apiCalls: 0, durationMs: 0 }, () => error);
    return [];
  }
  const credentials = defaultProvider();
  const found = await mapWithConcurrency(eks.clusters, CLUSTER_CONCURRENCY, async ({ name }) => {
    const ofCluster = (p: { clusterName: string | null }) => p.clusterName === name;
    const kube = { requests: 0 };
    const run = await countApiCalls(async () => {
      // DescribeCluster (when the kubeconfig is not cached) is this scope's request too.
      const kubeConfig = await loadEksKubeConfig({
        eks: getInventoryEksClient(region),
        clusterName: name,
        region,
        credentials,
        now: () => new Date(),
      });
      return discoverCluster({
        kubeConfig,
        clusterName: name,
        region,
        modelLabelKey: config.kubernetes.modelLabel,
        counter: kube,
      });
    });
    // Kubernetes requests are not AWS requests: both count toward the scope's calls.
    const withKube = { ...run, apiCalls: run.apiCalls + kube.requests };
    const cluster = report(`karpenter/${region}/${name}`, withKube, (e) => formatDiscoveryError(e));
    const nodegroups = report(
      `eks/${region}/${name}`,
      cluster
        ? { ok: true as const, result: true, apiCalls: 0, durationMs: 0 }
        : { ok: false as const, error: new Error("the cluster's Kubernetes API failed"), apiCalls: 0, durationMs: 0 },
      () => `node group facts need the cluster's nodes: ${formatDiscoveryError(run.ok ? null : run.error)}`,
    );
    if (!cluster || !nodegroups) return [];
    const completed = completeNodegroupPools({
      pools: eks.pools.filter(ofCluster),
      unresolved: eks.unresolved.filter(ofCluster),
      nodeFacts: cluster.nodeFacts,
    });
    return [...completed.pools.map((p) => ({ ...p, scope: `eks/${region}/${name}` })), ...cluster.karpenterPools];
  });
  return found.flat();
}
