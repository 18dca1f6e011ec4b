// Requests the fake account received, as one readable line each, for exact assertions.
import type { ClusterRequest } from "../aws-standins/fake-account";
import type { RecordedRequest } from "../aws-standins/standin-server";

/** "us-east-1 DescribeInstanceTypes InstanceType.1=…&MaxResults=100&NextToken=…": form fields sorted. */
export const awsLine = (r: RecordedRequest) =>
  `${r.region} ${r.action} ${Object.entries(r.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .sort()
    .join("&")}`;

/** "us-east-1 GetProducts trn2.48xlarge in us-west-2": the signing region, the type and region asked. */
export function pricingLine(r: RecordedRequest): string {
  const filters = (r.params.Filters ?? []) as { Field: string; Value: string }[];
  const value = (field: string) => filters.find((f) => f.Field === field)?.Value;
  return `${r.region} ${r.action} ${value("instanceType")} in ${value("regionCode")}`;
}

/** One cluster's requests as "path?k=v&…" (decoded, keys sorted), grouped by path; pages stay in order. */
export function kubeLines(requests: ClusterRequest[], cluster: string): string[] {
  const lines = requests
    .filter((r) => r.cluster === cluster)
    .map((r) => ({
      path: r.path,
      line: `${r.method === "GET" ? "" : `${r.method} `}${r.path}?${[...r.query]
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join("&")}`,
    }));
  const paths = [...new Set(lines.map((l) => l.path))].sort();
  return paths.flatMap((p) => lines.filter((l) => l.path === p).map((l) => l.line));
}
