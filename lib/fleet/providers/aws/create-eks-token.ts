import "server-only";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";

export type AwsCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

/** EKS accepts a token for 15 minutes after its signing time, whatever X-Amz-Expires says. */
export const EKS_TOKEN_LIFETIME_MS = 15 * 60_000;

/**
 * A bearer token for the EKS API server, made as aws-iam-authenticator makes it: a presigned STS
 * GetCallerIdentity URL whose signature covers the `x-k8s-aws-id: <cluster>` header, so the
 * token is only good for that cluster. The API server replays the URL to STS to learn who we are.
 */
export async function createEksToken(args: {
  clusterName: string;
  region: string;
  credentials: AwsCredentialsProvider;
  now?: Date;
}): Promise<string> {
  const hostname = `sts.${args.region}.${args.region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com"}`;
  const signer = new SignatureV4({
    credentials: args.credentials,
    region: args.region,
    service: "sts",
    sha256: Sha256,
  });
  const signed = await signer.presign(
    {
      method: "GET",
      protocol: "https:",
      hostname,
      path: "/",
      query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
      headers: { host: hostname, "x-k8s-aws-id": args.clusterName },
    },
    { expiresIn: 60, signingDate: args.now ?? new Date() },
  );
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(signed.query ?? {})) {
    if (typeof value === "string") query.append(key, value);
  }
  const url = `https://${hostname}/?${query.toString()}`;
  return `k8s-aws-v1.${Buffer.from(url).toString("base64url")}`;
}
