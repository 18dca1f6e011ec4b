// The EKS bearer token: shape, presigned STS URL, and a SigV4 signature checked independently
// (node:crypto), so the test fails if the cluster header were not really signed.
import { createHash, createHmac } from "node:crypto";
import { DescribeClusterCommand, EKSClient } from "@aws-sdk/client-eks";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { createEksToken } from "@/lib/fleet/providers/aws/create-eks-token";
import { loadEksKubeConfig } from "@/lib/fleet/providers/aws/load-eks-kube-config";

const credentials = async () => ({
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  sessionToken: "FwoGZXIvYXdzEXAMPLE",
});
const now = new Date("2025-03-04T05:06:07Z");

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");
const hmac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text).digest();
const rfc3986 = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function expectedSignature(url: URL, clusterName: string, secret: string): string {
  const query = [...url.searchParams.entries()]
    .filter(([key]) => key !== "X-Amz-Signature")
    .map(([key, value]) => `${rfc3986(key)}=${rfc3986(value)}`)
    .sort()
    .join("&");
  const canonicalRequest = [
    "GET",
    "/",
    query,
    `host:${url.host}`,
    `x-k8s-aws-id:${clusterName}`,
    "",
    "host;x-k8s-aws-id",
    sha256Hex(""),
  ].join("\n");
  const amzDate = url.searchParams.get("X-Amz-Date") ?? "";
  const scope = `${amzDate.slice(0, 8)}/us-west-2/sts/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  let key = hmac(`AWS4${secret}`, amzDate.slice(0, 8));
  for (const part of ["us-west-2", "sts", "aws4_request"]) key = hmac(key, part);
  return createHmac("sha256", key).update(stringToSign).digest("hex");
}

const decode = (token: string) => new URL(Buffer.from(token.slice("k8s-aws-v1.".length), "base64url").toString("utf8"));

describe("createEksToken", () => {
  it("is a k8s-aws-v1 presigned STS GetCallerIdentity URL, 60 s, signed with the cluster header", async () => {
    const token = await createEksToken({ clusterName: "trn-prod", region: "us-west-2", credentials, now });

    expect(token.startsWith("k8s-aws-v1.")).toBe(true);
    expect(token.slice(11)).toMatch(/^[A-Za-z0-9_-]+$/); // base64url, no padding
    const url = decode(token);
    expect(url.origin).toBe("https://sts.us-west-2.amazonaws.com");
    expect(url.pathname).toBe("/");
    const q = url.searchParams;
    expect(q.get("Action")).toBe("GetCallerIdentity");
    expect(q.get("Version")).toBe("2011-06-15");
    expect(q.get("X-Amz-Algorithm")).toBe("AWS4-HMAC-SHA256");
    expect(q.get("X-Amz-Credential")).toBe("AKIDEXAMPLE/20250304/us-west-2/sts/aws4_request");
    expect(q.get("X-Amz-Date")).toBe("20250304T050607Z");
    expect(q.get("X-Amz-Expires")).toBe("60");
    expect(q.get("X-Amz-SignedHeaders")).toBe("host;x-k8s-aws-id");
    expect(q.get("X-Amz-Security-Token")).toBe("FwoGZXIvYXdzEXAMPLE");
    expect(q.get("X-Amz-Signature")).toBe(
      expectedSignature(url, "trn-prod", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
    );
    // A token for another cluster carries another signature: the header is part of what is signed.
    expect(q.get("X-Amz-Signature")).not.toBe(
      expectedSignature(url, "trn-staging", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
    );
  });

  it("is deterministic for fixed credentials and clock", async () => {
    const a = await createEksToken({ clusterName: "trn-prod", region: "us-west-2", credentials, now });
    const b = await createEksToken({ clusterName: "trn-prod", region: "us-west-2", credentials, now });
    const other = await createEksToken({
      clusterName: "trn-prod",
      region: "us-west-2",
      credentials,
      now: new Date(now.getTime() + 1000),
    });
    expect(a).toBe(b);
    expect(other).not.toBe(a);
  });
});

describe("loadEksKubeConfig", () => {
  it("builds a kubeconfig from DescribeCluster and the token, and reuses it for ten minutes", async () => {
    const eks = new EKSClient({ region: "us-west-2", credentials });
    const mock = mockClient(eks);
    const clusterName = `trn-kc-${Date.now()}`;
    mock.on(DescribeClusterCommand).resolves({
      cluster: {
        name: clusterName,
        endpoint: "https://ABC.gr7.us-west-2.eks.amazonaws.com",
        certificateAuthority: { data: "Q0EtREFUQQ==" },
        status: "ACTIVE",
      },
    });
    let clock = now;
    const load = () => loadEksKubeConfig({ eks, clusterName, region: "us-west-2", credentials, now: () => clock });

    const first = await load();
    clock = new Date(now.getTime() + 9 * 60_000);
    const second = await load();
    clock = new Date(now.getTime() + 11 * 60_000);
    const third = await load();

    expect(mock.commandCalls(DescribeClusterCommand).map((c) => c.args[0].input)).toEqual([
      { name: clusterName },
      { name: clusterName },
    ]);
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    expect(first.getCurrentCluster()).toMatchObject({
      server: "https://ABC.gr7.us-west-2.eks.amazonaws.com",
      caData: "Q0EtREFUQQ==",
      skipTLSVerify: false,
    });
    const token = first.getCurrentUser()?.token ?? "";
    expect(token).toBe(await createEksToken({ clusterName, region: "us-west-2", credentials, now }));
    const options = await first.applyToFetchOptions({});
    expect(new Headers(options.headers as HeadersInit).get("authorization")).toBe(`Bearer ${token}`);
  });
});
