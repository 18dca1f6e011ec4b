// The AWS account the stand-ins serve: per region, Auto Scaling groups, launch templates, instance
// types and capacity reservations; and the Price List's products. Plain data a test builds by hand,
// or makeFleetState generates at benchmark size.

export type FakeInstance = {
  id: string;
  instanceType: string;
  availabilityZone: string;
  lifecycleState: "InService" | "Pending" | "Terminating" | "Standby";
};

export type FakeLaunchTemplateRef = { id?: string; name: string; version?: string };

export type FakeAsg = {
  name: string;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  availabilityZones: string[];
  tags: Record<string, string>;
  instances: FakeInstance[];
  launchTemplate?: FakeLaunchTemplateRef;
  /** MixedInstancesPolicy: its launch template and the instance types of its overrides. */
  mixedInstances?: { launchTemplate: FakeLaunchTemplateRef; overrideTypes: string[] };
};

export type FakeLaunchTemplate = {
  id: string;
  name: string;
  defaultVersion: number;
  /** Version numbers from 1; instanceType absent for attribute-based selection. */
  versions: { versionNumber: number; instanceType?: string }[];
};

export type FakeInstanceType = {
  instanceType: string;
  vcpus: number;
  memoryMib: number;
  architectures: string[];
  neuron?: { name: string; count: number; coresPerDevice: number; coreVersion: number; memoryMib: number };
};

export type FakeReservation = {
  id: string;
  instanceType: string;
  availabilityZone: string;
  totalInstanceCount: number;
  availableInstanceCount: number;
  state: string;
  startDate: Date;
  endDate?: Date;
  endDateType: "limited" | "unlimited";
  instanceMatchCriteria: "open" | "targeted";
  reservationType?: "default" | "capacity-block";
  tenancy?: "default" | "dedicated";
  tags: Record<string, string>;
};

export type FakeRegion = {
  asgs: FakeAsg[];
  launchTemplates: FakeLaunchTemplate[];
  instanceTypes: FakeInstanceType[];
  reservations: FakeReservation[];
};

/** One Price List product (EC2, on-demand); usdPerHour null: the product has no on-demand term. */
export type FakePriceProduct = {
  sku: string;
  instanceType: string;
  regionCode: string;
  operatingSystem: string;
  tenancy: string;
  preInstalledSw: string;
  capacitystatus: string;
  usdPerHour: string | null;
};

export type FakeAwsState = {
  regions: Record<string, FakeRegion>;
  priceList: FakePriceProduct[];
  /** Largest page any stand-in returns, whatever the request asks (AWS may return fewer than asked). */
  pageLimit?: number;
};

export const emptyRegion = (): FakeRegion => ({ asgs: [], launchTemplates: [], instanceTypes: [], reservations: [] });

/** The region's state, created empty on first use (AWS answers an empty account the same way). */
export function regionOf(state: FakeAwsState, region: string): FakeRegion {
  return (state.regions[region] ??= emptyRegion());
}

// Real shapes of the types the fleet runs on (DescribeInstanceTypes, checked against AWS docs).
export const INSTANCE_TYPES: Record<string, FakeInstanceType> = {
  "trn1.32xlarge": {
    instanceType: "trn1.32xlarge",
    vcpus: 128,
    memoryMib: 524288,
    architectures: ["x86_64"],
    neuron: { name: "Trainium", count: 16, coresPerDevice: 2, coreVersion: 2, memoryMib: 32768 },
  },
  // EC2 reports physical NeuronCore-v3 per Trainium2 chip (8); with the runtime's default logical
  // NeuronCore config (LNC=2) software sees 16 × 4 = 64 logical cores.
  "trn2.48xlarge": {
    instanceType: "trn2.48xlarge",
    vcpus: 192,
    memoryMib: 2097152,
    architectures: ["x86_64"],
    neuron: { name: "Trainium2", count: 16, coresPerDevice: 8, coreVersion: 3, memoryMib: 98304 },
  },
  "inf2.48xlarge": {
    instanceType: "inf2.48xlarge",
    vcpus: 192,
    memoryMib: 786432,
    architectures: ["x86_64"],
    neuron: { name: "Inferentia2", count: 12, coresPerDevice: 2, coreVersion: 2, memoryMib: 32768 },
  },
  "c7g.16xlarge": { instanceType: "c7g.16xlarge", vcpus: 64, memoryMib: 131072, architectures: ["arm64"] },
  "m7g.8xlarge": { instanceType: "m7g.8xlarge", vcpus: 32, memoryMib: 131072, architectures: ["arm64"] },
  "m5.xlarge": { instanceType: "m5.xlarge", vcpus: 4, memoryMib: 16384, architectures: ["i386", "x86_64"] },
};

export function linuxPrice(instanceType: string, regionCode: string, usdPerHour: string | null, sku: string) {
  return {
    sku,
    instanceType,
    regionCode,
    operatingSystem: "Linux",
    tenancy: "Shared",
    preInstalledSw: "NA",
    capacitystatus: "Used",
    usdPerHour,
  } satisfies FakePriceProduct;
}

const FLEET_TYPES = ["trn1.32xlarge", "trn2.48xlarge", "c7g.16xlarge", "m7g.8xlarge"];
const LIST_PRICES: Record<string, string> = {
  "trn1.32xlarge": "21.5000000000",
  "trn2.48xlarge": "44.7010000000",
  "c7g.16xlarge": "2.3200000000",
  "m7g.8xlarge": "1.3056000000",
};

/**
 * A generated account (e.g. 1,000 ASGs over 6 regions for the benchmark: `totalPools: 1000`):
 * `poolsPerRegion` fleet ASGs in each region (tagged `fleet=<fleetTag>` and
 * `model=model-<n>`), a mix of how their type is found (overrides, instances, launch template),
 * plus `eksOwnedPerRegion` EKS node-group ASGs, reservations and prices. Deterministic.
 */
export function makeFleetState(opts: {
  regions: string[];
  poolsPerRegion: number;
  /** Spread this many pools over the regions instead (the first regions take the remainder). */
  totalPools?: number;
  eksOwnedPerRegion?: number;
  reservationsPerRegion?: number;
  instancesPerPool?: number;
  models?: number;
  fleetTag?: string;
}): FakeAwsState {
  const fleetTag = opts.fleetTag ?? "ai";
  const models = opts.models ?? 20;
  const state: FakeAwsState = { regions: {}, priceList: [] };
  for (const [r, region] of opts.regions.entries()) {
    const zones = ["a", "b", "c"].map((z) => `${region}${z}`);
    const reg = regionOf(state, region);
    reg.instanceTypes = Object.values(INSTANCE_TYPES);
    const pools =
      opts.totalPools === undefined
        ? opts.poolsPerRegion
        : Math.floor(opts.totalPools / opts.regions.length) + (r < opts.totalPools % opts.regions.length ? 1 : 0);
    for (let i = 0; i < pools; i++) {
      const type = FLEET_TYPES[i % FLEET_TYPES.length]!;
      const name = `fleet-${region}-${String(i).padStart(4, "0")}`;
      const template = { id: `lt-${r}${String(i).padStart(15, "0")}`, name: `${name}-lt` };
      reg.launchTemplates.push({
        ...template,
        defaultVersion: 1,
        versions: [{ versionNumber: 1, instanceType: type }],
      });
      const way = i % 3; // 0: overrides, 1: running instances, 2: launch template only (scaled to zero)
      const count = way === 2 ? 0 : (opts.instancesPerPool ?? 2);
      reg.asgs.push({
        name,
        minSize: 0,
        maxSize: 8,
        desiredCapacity: count,
        availabilityZones: [zones[i % 3]!],
        tags: { fleet: fleetTag, model: `model-${i % models}`, team: `team-${i % 5}` },
        instances: Array.from({ length: count }, (_, k) => ({
          id: `i-${r}${String(i).padStart(8, "0")}${k}`,
          instanceType: type,
          availabilityZone: zones[i % 3]!,
          lifecycleState: "InService" as const,
        })),
        ...(way === 0
          ? { mixedInstances: { launchTemplate: template, overrideTypes: [type] } }
          : { launchTemplate: template }),
      });
    }
    for (let i = 0; i < (opts.eksOwnedPerRegion ?? 0); i++) {
      reg.asgs.push({
        name: `eks-ng-${region}-${i}`,
        minSize: 1,
        maxSize: 4,
        desiredCapacity: 1,
        availabilityZones: [zones[0]!],
        tags: { fleet: fleetTag, "eks:cluster-name": "ml", "eks:nodegroup-name": `ng-${i}` },
        instances: [],
      });
    }
    for (let i = 0; i < (opts.reservationsPerRegion ?? 0); i++) {
      const block = i % 2 === 1;
      reg.reservations.push({
        id: `cr-${r}${String(i).padStart(16, "0")}`,
        instanceType: block ? "trn2.48xlarge" : "trn1.32xlarge",
        availabilityZone: zones[i % 3]!,
        totalInstanceCount: 4,
        availableInstanceCount: i % 4,
        state: "active",
        startDate: new Date(Date.UTC(2026, 10, 1, 11, 30)),
        endDate: block ? new Date(Date.UTC(2026, 11, 1, 11, 30)) : undefined,
        endDateType: block ? "limited" : "unlimited",
        instanceMatchCriteria: block ? "targeted" : "open",
        reservationType: block ? "capacity-block" : "default",
        tags: { fleet: fleetTag },
      });
    }
    for (const type of FLEET_TYPES) {
      state.priceList.push(
        linuxPrice(type, region, LIST_PRICES[type]!, `SKU${r}${type.replace(/\W/g, "").toUpperCase()}`),
      );
    }
  }
  return state;
}
