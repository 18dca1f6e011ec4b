import "server-only";
import { getConfig } from "@/lib/config";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { createCloudWatchTelemetrySource } from "./cloudwatch/cloudwatch-telemetry-source";
import type { TelemetrySource } from "./types";

/** The configured telemetry source (TELEMETRY_SOURCE); the rest of the app never asks which. */
export function getTelemetrySource(): TelemetrySource {
  const config = getConfig();
  switch (config.TELEMETRY_SOURCE) {
    case "simulated":
      return createSimulatedTelemetrySource({ seed: config.FLEET_SEED });
    case "cloudwatch":
      return createCloudWatchTelemetrySource();
  }
}
