import "server-only";
import { SIM_INSTANCE_TYPES, SIM_MODELS } from "@/lib/simulator/catalog";
import { SIM_POOLS } from "@/lib/simulator/pools";
import { buildSimulatedFleet } from "@/lib/simulator/build-simulated-fleet";
import type {
  DiscoveredInstanceType,
  InventorySnapshot,
  InventorySource,
  ResolvedReservation,
} from "@/lib/inventory/types";

// The simulated fleet as an inventory source: the same snapshot shape the AWS source reports,
// from the simulator's catalog, so the demo goes through the same sync (diff, audit, retirement).
export const SIMULATED_SCOPE = "simulated";

// What DescribeInstanceTypes reports for the catalog's types (vCPUs, memory, Neuron devices).
const TYPE_FACTS: Record<string, Omit<DiscoveredInstanceType, "instanceType" | "chipFamily">> = {
  "trn1.32xlarge": {
    architectures: ["x86_64"],
    vcpus: 128,
    memoryMib: 524_288,
    neuronDevices: 16,
    neuronCoresPerDevice: 2,
    acceleratorName: "Trainium",
  },
  "trn2.48xlarge": {
    architectures: ["x86_64"],
    vcpus: 192,
    memoryMib: 2_097_152,
    neuronDevices: 16,
    neuronCoresPerDevice: 8,
    acceleratorName: "Trainium2",
  },
  "c7g.16xlarge": graviton(64, 131_072),
  "c8g.16xlarge": graviton(64, 131_072),
  "m7g.8xlarge": graviton(32, 131_072),
  "r8g.8xlarge": graviton(32, 262_144),
};

function graviton(vcpus: number, memoryMib: number) {
  return {
    architectures: ["arm64"],
    vcpus,
    memoryMib,
    neuronDevices: 0,
    neuronCoresPerDevice: 0,
    acceleratorName: null,
  };
}

/**
 * `anchor`: the time reservation dates are relative to: the fleet's seed time (implied by the stored
 * reservations' start), so a later sync of the same catalog finds nothing changed.
 */
export function createSimulatedInventorySource(
  opts: {
    anchor?: () => Promise<Date | null>;
    /**
     * The simulated provider's own capacities: it is the simulated fleet's "cloud", so after a launch
     * or drain a sync reports what the provider set, as AWS would, instead of the catalog's start.
     */
    capacities?: () => Promise<Map<string, number>>;
    /**
     * The simulated training's Capacity Blocks (lib/simulator/training), dated when the training was
     * seeded: reported as stored, so a sync neither changes nor retires them.
     */
    trainingBlocks?: () => Promise<ResolvedReservation[]>;
  } = {},
): InventorySource {
  return {
    name: "simulated",
    async discover({ now }) {
      const at = (await opts.anchor?.()) ?? now;
      const desired = (await opts.capacities?.()) ?? new Map<string, number>();
      const { prices, reservations, commitment } = buildSimulatedFleet(at);
      const blocks = (await opts.trainingBlocks?.()) ?? [];
      const snapshot: InventorySnapshot = {
        source: "simulated",
        scopes: [{ scope: SIMULATED_SCOPE, ok: true, apiCalls: 0, durationMs: 0 }],
        models: SIM_MODELS.map((m) => ({
          id: m.id,
          displayName: m.displayName,
          team: m.team,
          kind: m.kind,
          sloP95Ms: m.sloP95Ms,
          minServingInstances: m.minServingInstances,
          labelValue: m.id,
        })),
        pools: SIM_POOLS.map((p) => ({
          id: p.id,
          sourceKey: `sim/${p.id}`,
          scope: SIMULATED_SCOPE,
          backingKind: p.backingKind,
          backingId: p.backingId,
          clusterName: p.clusterName,
          region: p.region,
          instanceType: p.instanceType,
          availabilityZones: [p.availabilityZone],
          minCapacity: p.minCapacity,
          desiredCapacity: desired.get(p.id) ?? p.desiredCapacity,
          maxCapacity: p.maxCapacity,
          modelLabels: [p.modelId],
          tags: {},
          chipFamily: p.chipFamily,
          modelIds: [p.modelId],
        })),
        reservations: [
          ...reservations.map((r): ResolvedReservation => ({
            ...r,
            scope: SIMULATED_SCOPE,
            totalInstanceCount: r.instanceCount,
            availableInstanceCount: null,
            state: "active",
            instanceMatchCriteria: "targeted",
            reservationType: "default",
            tags: {},
          })),
          ...blocks,
        ],
        prices: prices.map((p) => ({ ...p, source: "simulated", sku: null })),
        instanceTypes: SIM_INSTANCE_TYPES.map((t) => ({
          instanceType: t.name,
          chipFamily: t.chipFamily,
          ...TYPE_FACTS[t.name]!,
        })),
        commitments: [commitment],
        problems: [],
      };
      return snapshot;
    },
  };
}
