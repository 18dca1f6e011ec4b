import "server-only";
import { getConfig } from "@/lib/config";
import type { FleetProvider } from "./provider";
import { createSimulatedFleetProvider } from "./providers/simulated/simulated-fleet-provider";

let cached: FleetProvider | undefined;

/** The configured fleet provider (FLEET_PROVIDER); the action code never asks which. */
export async function getFleetProvider(): Promise<FleetProvider> {
  if (cached) return cached;
  if (getConfig().FLEET_PROVIDER === "aws") {
    // Loaded only when configured: the AWS and Kubernetes SDKs stay out of the simulated setup.
    const { createAwsFleetProvider } = await import("./providers/aws");
    cached = createAwsFleetProvider();
  } else {
    cached = createSimulatedFleetProvider();
  }
  return cached;
}
