// A wire-level stand-in for the EKS API (REST-JSON, as @aws-sdk/client-eks 3.x serializes it:
// GET /clusters, /clusters/{name}, /clusters/{name}/node-groups[/{ng}], maxResults/nextToken in the
// query, errors named by the x-amzn-errortype header). The real SDK reaches it through
// AWS_ENDPOINT_URL_EKS; the region of each request comes from its SigV4 credential scope, so one
// server holds every region's clusters. Every request is recorded for exact assertions.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeNodegroup = {
  name: string;
  status?: "CREATING" | "ACTIVE" | "UPDATING" | "DELETING" | "CREATE_FAILED" | "DELETE_FAILED" | "DEGRADED";
  /** null: the node group's launch template names the type, and EKS omits instanceTypes. */
  instanceTypes: string[] | null;
  scaling: { min: number; desired: number; max: number };
  capacityType?: "ON_DEMAND" | "SPOT" | "CAPACITY_BLOCK";
  labels?: Record<string, string>;
  tags?: Record<string, string>;
  launchTemplate?: { id: string; name: string; version: string };
};

export type FakeEksCluster = {
  name: string;
  /** The Kubernetes API server DescribeCluster points at (a fake kube server's https URL). */
  endpoint?: string;
  /** Base64 PEM of the CA that signed the endpoint's certificate. */
  caData?: string;
  status?: "CREATING" | "ACTIVE" | "DELETING" | "FAILED" | "UPDATING" | "PENDING";
  nodegroups: FakeNodegroup[];
};

export type FakeEksState = {
  regions: Record<string, { clusters: FakeEksCluster[] }>;
  /** Largest page the server returns, whatever maxResults asks (default 100, EKS's own cap). */
  pageLimit?: number;
};

export type EksRequest = {
  region: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The SDK's `amz-sdk-request` header: "attempt=2; max=3" on a retry. */
  attempt: string | undefined;
};

export type EksErrorType =
  | "ThrottlingException"
  | "AccessDeniedException"
  | "ResourceNotFoundException"
  | "InvalidParameterException"
  | "ServerException";
const ERROR_STATUS: Record<EksErrorType, number> = {
  ThrottlingException: 429,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  InvalidParameterException: 400,
  ServerException: 500,
};

type Fault = { match: (r: EksRequest) => boolean; remaining: number; type: EksErrorType; message: string };

export type FakeEks = {
  url: string;
  state: FakeEksState;
  requests: EksRequest[];
  /** "region METHOD path?query" per request, query keys sorted, retries marked " (attempt=2; max=3)". */
  log: () => string[];
  /** The next `count` requests (matching `match`, default all) answer ThrottlingException 429. */
  throttleNext: (count: number, match?: (r: EksRequest) => boolean) => void;
  /** Every request to `region` fails with this error until cleared. */
  failRegion: (region: string, type: EksErrorType, message: string) => void;
  /** Any fault: the next `count` matching requests fail with `type`. */
  injectFault: (fault: {
    match: (r: EksRequest) => boolean;
    count: number;
    type: EksErrorType;
    message: string;
  }) => void;
  clearFaults: () => void;
  close: () => Promise<void>;
};

const CREATED_AT = Date.UTC(2025, 0, 15) / 1000; // REST-JSON timestamps are epoch seconds

export async function startFakeEks(state: FakeEksState): Promise<FakeEks> {
  const requests: EksRequest[] = [];
  let faults: Fault[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const auth = req.headers.authorization ?? "";
    // Credential=AKID/20250115/us-west-2/eks/aws4_request
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
    const request: EksRequest = {
      region: scope?.[1] ?? "",
      method: req.method ?? "",
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
      attempt: req.headers["amz-sdk-request"] as string | undefined,
    };
    requests.push(request);
    req.resume();
    const send = (status: number, body: unknown, errorType?: string) => {
      res.writeHead(status, {
        "content-type": "application/json",
        "x-amzn-requestid": `req-${requests.length}`,
        ...(errorType ? { "x-amzn-errortype": errorType } : {}),
      });
      res.end(JSON.stringify(body));
    };
    const fail = (type: EksErrorType, message: string) => send(ERROR_STATUS[type], { message }, type);

    if (!scope || scope[2] !== "eks") return fail("AccessDeniedException", "missing or foreign SigV4 credential scope");
    const fault = faults.find((f) => f.remaining > 0 && f.match(request));
    if (fault) {
      fault.remaining -= 1;
      return fail(fault.type, fault.message);
    }
    if (request.method !== "GET")
      return fail("InvalidParameterException", `fake EKS serves only GET, not ${request.method}`);
    const clusters = state.regions[request.region]?.clusters ?? [];
    const parts = request.path.split("/").filter(Boolean); // ["clusters", name?, "node-groups"?, ng?]
    if (parts[0] !== "clusters" || parts.length > 4 || (parts.length >= 3 && parts[2] !== "node-groups"))
      return fail("InvalidParameterException", `no such operation: GET ${request.path}`);

    if (parts.length === 1) {
      const page = paginate(
        clusters.map((c) => c.name),
        request.query,
        state.pageLimit,
      );
      if (!page) return fail("InvalidParameterException", "The nextToken is not valid.");
      return send(200, { clusters: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) });
    }
    const cluster = clusters.find((c) => c.name === parts[1]);
    if (!cluster) return fail("ResourceNotFoundException", `No cluster found for name: ${parts[1]}.`);
    if (parts.length === 2) return send(200, { cluster: describeCluster(cluster, request.region) });
    if (parts.length === 3) {
      const page = paginate(
        cluster.nodegroups.map((n) => n.name),
        request.query,
        state.pageLimit,
      );
      if (!page) return fail("InvalidParameterException", "The nextToken is not valid.");
      return send(200, { nodegroups: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) });
    }
    const ng = cluster.nodegroups.find((n) => n.name === parts[3]);
    if (!ng) return fail("ResourceNotFoundException", `No node group found for name: ${parts[3]}.`);
    return send(200, { nodegroup: describeNodegroup(cluster, ng, request.region) });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    state,
    requests,
    log: () =>
      requests.map((r) => {
        const query = Object.keys(r.query)
          .sort()
          .map((k) => `${k}=${r.query[k]}`)
          .join("&");
        const retry = r.attempt && !r.attempt.startsWith("attempt=1;") ? ` (${r.attempt})` : "";
        return `${r.region} ${r.method} ${r.path}${query ? `?${query}` : ""}${retry}`;
      }),
    throttleNext: (count, match = () => true) =>
      faults.push({ match, remaining: count, type: "ThrottlingException", message: "Rate exceeded" }),
    failRegion: (region, type, message) =>
      faults.push({ match: (r) => r.region === region, remaining: Infinity, type, message }),
    injectFault: ({ match, count, type, message }) => faults.push({ match, remaining: count, type, message }),
    clearFaults: () => {
      faults = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Tokens are opaque to clients; this one is the next offset, so a stale or forged one is detectable.
function paginate(names: string[], query: Record<string, string>, pageLimit = 100) {
  const max = Math.min(Number(query.maxResults ?? 100), pageLimit);
  let offset = 0;
  if (query.nextToken !== undefined) {
    const decoded = /^offset:(\d+)$/.exec(Buffer.from(query.nextToken, "base64url").toString("utf8"));
    if (!decoded) return null;
    offset = Number(decoded[1]);
  }
  const items = names.slice(offset, offset + max);
  const more = offset + max < names.length;
  return { items, nextToken: more ? Buffer.from(`offset:${offset + max}`).toString("base64url") : undefined };
}

const ACCOUNT = "111122223333";

function describeCluster(c: FakeEksCluster, region: string) {
  return {
    name: c.name,
    arn: `arn:aws:eks:${region}:${ACCOUNT}:cluster/${c.name}`,
    createdAt: CREATED_AT,
    version: "1.33",
    roleArn: `arn:aws:iam::${ACCOUNT}:role/eks-cluster`,
    status: c.status ?? "ACTIVE",
    ...(c.endpoint ? { endpoint: c.endpoint } : {}),
    ...(c.caData ? { certificateAuthority: { data: c.caData } } : {}),
    platformVersion: "eks.9",
    tags: {},
  };
}

function describeNodegroup(c: FakeEksCluster, ng: FakeNodegroup, region: string) {
  return {
    nodegroupName: ng.name,
    nodegroupArn: `arn:aws:eks:${region}:${ACCOUNT}:nodegroup/${c.name}/${ng.name}/0a1b2c3d`,
    clusterName: c.name,
    version: "1.33",
    releaseVersion: "1.33.0-20250115",
    createdAt: CREATED_AT,
    modifiedAt: CREATED_AT,
    status: ng.status ?? "ACTIVE",
    capacityType: ng.capacityType ?? "ON_DEMAND",
    scalingConfig: { minSize: ng.scaling.min, maxSize: ng.scaling.max, desiredSize: ng.scaling.desired },
    ...(ng.instanceTypes ? { instanceTypes: ng.instanceTypes } : {}),
    subnets: [`subnet-${region}-a`],
    amiType: "AL2023_ARM_64_NEURON",
    nodeRole: `arn:aws:iam::${ACCOUNT}:role/eks-node`,
    labels: ng.labels ?? {},
    resources: { autoScalingGroups: [{ name: `eks-${ng.name}-0a1b2c3d` }] },
    health: { issues: [] },
    updateConfig: { maxUnavailable: 1 },
    ...(ng.launchTemplate ? { launchTemplate: ng.launchTemplate } : {}),
    tags: ng.tags ?? {},
  };
}

/**
 * A deterministic large fleet for benchmarks: `clusters` clusters spread over `regions`, each with
 * `nodegroupsPerCluster` node groups of Trainium and Graviton types. Same arguments, same fleet.
 */
export function generateEksFleet(opts: {
  regions?: string[];
  clusters?: number;
  nodegroupsPerCluster?: number;
}): FakeEksState {
  const regions = opts.regions ?? ["us-east-1", "us-west-2"];
  const clusterCount = opts.clusters ?? 4;
  const perCluster = opts.nodegroupsPerCluster ?? 150;
  const types = ["trn2.48xlarge", "trn1.32xlarge", "trn1.2xlarge", "c8g.4xlarge", "m8g.2xlarge"];
  const state: FakeEksState = { regions: Object.fromEntries(regions.map((r) => [r, { clusters: [] }])) };
  for (let c = 0; c < clusterCount; c++) {
    const region = regions[c % regions.length] as string;
    const name = `fleet-${String(c + 1).padStart(2, "0")}`;
    const nodegroups: FakeNodegroup[] = Array.from({ length: perCluster }, (_, i) => {
      const desired = (i * 7 + c) % 9;
      return {
        name: `ng-${String(i + 1).padStart(4, "0")}`,
        instanceTypes: [types[(i + c) % types.length] as string],
        scaling: { min: 0, desired, max: desired + 4 },
        labels: { "fleet-console.io/model": `model-${(i % 40) + 1}` },
        tags: { team: `team-${i % 6}`, "fleet-console.io/model": `model-${(i % 40) + 1}` },
      };
    });
    state.regions[region]?.clusters.push({ name, nodegroups });
  }
  return state;
}
