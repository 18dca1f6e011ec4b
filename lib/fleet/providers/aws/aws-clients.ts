import "server-only";
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { EKSClient } from "@aws-sdk/client-eks";

// One client per service and region for the life of the process: each client owns an HTTP
// connection pool and a retry-quota bucket, which only work if they are shared.
// Standard retry mode: 3 attempts, jittered backoff, throttling errors retried.
const autoScalingClients = new Map<string, AutoScalingClient>();
const eksClients = new Map<string, EKSClient>();

export function getAutoScalingClient(region: string): AutoScalingClient {
  let client = autoScalingClients.get(region);
  if (!client) {
    client = new AutoScalingClient({ region, retryMode: "standard", maxAttempts: 3 });
    autoScalingClients.set(region, client);
  }
  return client;
}

export function getEksClient(region: string): EKSClient {
  let client = eksClients.get(region);
  if (!client) {
    client = new EKSClient({ region, retryMode: "standard", maxAttempts: 3 });
    eksClients.set(region, client);
  }
  return client;
}
