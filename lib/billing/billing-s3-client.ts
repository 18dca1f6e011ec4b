import "server-only";
import { S3Client } from "@aws-sdk/client-s3";

// One S3 client per region for the export reads. No explicit `endpoint`: the SDK's
// AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL) applies; path-style addressing is for S3-compatible
// stand-ins (tests, MinIO), which cannot answer bucket subdomains.
const clients = new Map<string, S3Client>();

export function getBillingS3Client(args: { region: string; forcePathStyle: boolean }): S3Client {
  const key = `${args.region}|${args.forcePathStyle}`;
  let client = clients.get(key);
  if (!client) {
    client = new S3Client({
      region: args.region,
      forcePathStyle: args.forcePathStyle,
      retryMode: "standard",
      maxAttempts: 3,
    });
    clients.set(key, client);
  }
  return client;
}

/** For tests that point the clients at new endpoints. */
export function resetBillingS3Clients(): void {
  for (const client of clients.values()) client.destroy();
  clients.clear();
}
