import "server-only";
import { CloudWatchClient, type CloudWatchClientConfig } from "@aws-sdk/client-cloudwatch";
import { getCloudWatchConfig, type CloudWatchConfig } from "./cloudwatch-config";

/**
 * A CloudWatch client whose throttling and transient errors are retried by the SDK's own retry
 * strategy (standard: exponential backoff with full jitter and a retry quota; adaptive adds
 * client-side rate limiting), configured here rather than wrapped in a loop of ours.
 * `overrides` is for tests that replace the HTTP handler or credentials.
 */
export function createCloudWatchClient(args: {
  region: string;
  retry: CloudWatchConfig["retry"];
  overrides?: Partial<CloudWatchClientConfig>;
}): CloudWatchClient {
  return new CloudWatchClient({
    region: args.region,
    maxAttempts: args.retry.maxAttempts,
    retryMode: args.retry.mode,
    ...args.overrides,
  });
}

// One client per region for the process (on globalThis so dev hot reload does not multiply them):
// a client owns its connection pool and its retry quota, which only work when shared.
const holder = globalThis as unknown as { __fleetCloudWatchClients?: Map<string, CloudWatchClient> };

export function getCloudWatchClient(args: { region: string }): CloudWatchClient {
  const clients = (holder.__fleetCloudWatchClients ??= new Map());
  let client = clients.get(args.region);
  if (!client) {
    client = createCloudWatchClient({ region: args.region, retry: getCloudWatchConfig().retry });
    clients.set(args.region, client);
  }
  return client;
}
