import "server-only";
import type { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { EC2Client } from "@aws-sdk/client-ec2";
import { PricingClient } from "@aws-sdk/client-pricing";
import type { EKSClient } from "@aws-sdk/client-eks";
import { getAutoScalingClient, getEksClient } from "@/lib/fleet/providers/aws/aws-clients";
import { instrumentClient } from "./api-call-counter";

// One client per service and region, shared with the fleet provider where it already has one
// (Auto Scaling, EKS), each counting its requests for countApiCalls. Standard retries, 3 attempts.
// No explicit `endpoint`: the SDK's AWS_ENDPOINT_URL_EC2 / _AUTO_SCALING / _PRICING (or
// AWS_ENDPOINT_URL) apply, read on a client's first request and kept for its life.
const ec2Clients = new Map<string, EC2Client>();
const pricingClients = new Map<string, PricingClient>();

export function getEc2Client(region: string): EC2Client {
  let client = ec2Clients.get(region);
  if (!client) {
    client = new EC2Client({ region, retryMode: "standard", maxAttempts: 3 });
    instrumentClient(client);
    ec2Clients.set(region, client);
  }
  return client;
}

/** The Price List API answers in us-east-1, eu-central-1 and ap-south-1 only. */
export function getPricingClient(region: string): PricingClient {
  let client = pricingClients.get(region);
  if (!client) {
    client = new PricingClient({ region, retryMode: "standard", maxAttempts: 3 });
    instrumentClient(client);
    pricingClients.set(region, client);
  }
  return client;
}

export function getInventoryAutoScalingClient(region: string): AutoScalingClient {
  const client = getAutoScalingClient(region);
  instrumentClient(client);
  return client;
}

/** The fleet provider's EKS client, counting for countApiCalls (DescribeCluster before a cluster's Kubernetes API). */
export function getInventoryEksClient(region: string): EKSClient {
  const client = getEksClient(region);
  instrumentClient(client);
  return client;
}

/** For tests that point the clients at new endpoints (the Auto Scaling cache lives in aws-clients.ts). */
export function resetInventoryAwsClients(): void {
  for (const client of [...ec2Clients.values(), ...pricingClients.values()]) client.destroy();
  ec2Clients.clear();
  pricingClients.clear();
}
