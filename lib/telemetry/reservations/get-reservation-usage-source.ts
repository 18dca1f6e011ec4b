import "server-only";
import { getConfig } from "@/lib/config";
import { createSimulatedReservationSource } from "@/lib/simulator/simulated-reservation-source";
import { createCloudWatchReservationSource } from "@/lib/telemetry/cloudwatch/cloudwatch-reservation-source";
import type { ReservationUsageSource } from "./types";

/** The configured reservation-use source (TELEMETRY_SOURCE, as for telemetry); the rest of the app never asks which. */
export function getReservationUsageSource(): ReservationUsageSource {
  const config = getConfig();
  switch (config.TELEMETRY_SOURCE) {
    case "simulated":
      return createSimulatedReservationSource();
    case "cloudwatch":
      return createCloudWatchReservationSource();
  }
}
