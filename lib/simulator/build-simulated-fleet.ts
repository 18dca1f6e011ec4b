// The simulated fleet's catalog rows (prices, reservations, the commitment), with reservation dates
// relative to a given time. The simulated inventory source reports them like AWS would.
import { SIM_INSTANCE_TYPES, SIM_REGIONS, instanceTypeByName, regionByName } from "./catalog";
import { streamOf } from "./noise";
import { SIM_POOLS } from "./pools";

const DAY_MS = 86_400_000;
/** Every simulated reservation started this many days before the fleet was seeded. */
const RESERVATION_AGE_DAYS = 400;

/** The seed time a simulated reservation's start implies: reservation dates are relative to it. */
export const seedTimeFromReservationStart = (startAt: Date) =>
  new Date(startAt.getTime() + RESERVATION_AGE_DAYS * DAY_MS);

export const SIM_COMMITMENT_ID = "compute-commitment-2024-2031";

/** The catalog rows, with reservation dates relative to `now`. Pure: tests compare against it. */
export function buildSimulatedFleet(now: Date) {
  const day = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const prices = SIM_INSTANCE_TYPES.flatMap((t) =>
    SIM_REGIONS.map((r) => ({
      instanceType: t.name,
      region: r.name,
      onDemandUsdPerHour: Math.round(t.onDemandUsdPerHour * r.priceFactor * 10_000) / 10_000,
      reservedUsdPerHour: Math.round(t.reservedUsdPerHour * r.priceFactor * 10_000) / 10_000,
    })),
  );
  const reservations = SIM_POOLS.filter((p) => p.reservedInstances > 0).map((p) => ({
    id: `cr-${streamOf(p.id).toString(16).padStart(8, "0")}${streamOf(`${p.id}#2`).toString(16).padStart(9, "0")}`.slice(
      0,
      20,
    ),
    instanceType: p.instanceType,
    region: p.region,
    availabilityZone: p.availabilityZone,
    instanceCount: p.reservedInstances,
    startAt: new Date(day - RESERVATION_AGE_DAYS * DAY_MS),
    endAt: new Date(day + p.reservationEndsInDays * DAY_MS),
    usdPerInstanceHour: instanceTypeByName(p.instanceType).reservedUsdPerHour * regionByName(p.region).priceFactor,
    poolId: p.id,
  }));
  const commitment = {
    id: SIM_COMMITMENT_ID,
    name: "Reserved AI compute commitment 2024–2031",
    totalUsd: 420_000_000,
    startAt: new Date("2024-01-01T00:00:00Z"),
    endAt: new Date("2032-01-01T00:00:00Z"),
    // Billing before Fleet Console started tracking telemetry.
    priorSpendUsd: 96_500_000,
    // As deploy/fleet-config.example.yaml declares it.
    yearlyPlanUsd: {
      "2024": 45_000_000,
      "2025": 52_500_000,
      "2026": 58_000_000,
      "2027": 60_000_000,
      "2028": 60_000_000,
      "2029": 50_000_000,
      "2030": 48_000_000,
      "2031": 46_500_000,
    } as Record<string, number> | null,
    takeOrPay: true,
  };
  return { prices, reservations, commitment };
}
