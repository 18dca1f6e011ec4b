// A stand-in for a Kubernetes API server that answers only discovery (which kinds exist in which
// group/version) and "not found" for every object, so `kubectl apply --dry-run=client` works with
// no cluster: it checks each object maps to a served kind, then prints it as it would create it.
import http from "node:http";
import type { AddressInfo } from "node:net";

type Kind = { kind: string; plural: string; namespaced: boolean };

/** What an EKS 1.3x cluster serves for the kinds Fleet Console uses, plus the External Secrets CRD. */
const SERVED: Record<string, Kind[]> = {
  v1: [
    { kind: "Namespace", plural: "namespaces", namespaced: false },
    { kind: "ConfigMap", plural: "configmaps", namespaced: true },
    { kind: "Secret", plural: "secrets", namespaced: true },
    { kind: "Service", plural: "services", namespaced: true },
    { kind: "ServiceAccount", plural: "serviceaccounts", namespaced: true },
    { kind: "Pod", plural: "pods", namespaced: true },
  ],
  "apps/v1": [{ kind: "Deployment", plural: "deployments", namespaced: true }],
  "batch/v1": [{ kind: "Job", plural: "jobs", namespaced: true }],
  "autoscaling/v2": [{ kind: "HorizontalPodAutoscaler", plural: "horizontalpodautoscalers", namespaced: true }],
  "policy/v1": [{ kind: "PodDisruptionBudget", plural: "poddisruptionbudgets", namespaced: true }],
  "rbac.authorization.k8s.io/v1": [
    { kind: "ClusterRole", plural: "clusterroles", namespaced: false },
    { kind: "ClusterRoleBinding", plural: "clusterrolebindings", namespaced: false },
    { kind: "Role", plural: "roles", namespaced: true },
    { kind: "RoleBinding", plural: "rolebindings", namespaced: true },
  ],
  "networking.k8s.io/v1": [{ kind: "Ingress", plural: "ingresses", namespaced: true }],
  "external-secrets.io/v1": [{ kind: "ExternalSecret", plural: "externalsecrets", namespaced: true }],
};

function resourceList(groupVersion: string) {
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion,
    resources: (SERVED[groupVersion] ?? []).map((k) => ({
      name: k.plural,
      singularName: k.kind.toLowerCase(),
      namespaced: k.namespaced,
      kind: k.kind,
      verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
    })),
  };
}

function groupList() {
  const groups = Object.keys(SERVED)
    .filter((gv) => gv.includes("/"))
    .map((gv) => {
      const [name, version] = gv.split("/") as [string, string];
      const v = { groupVersion: gv, version };
      return { name, versions: [v], preferredVersion: v };
    });
  return { kind: "APIGroupList", apiVersion: "v1", groups };
}

function route(path: string): { status: number; body: unknown } {
  if (path === "/version") return { status: 200, body: { major: "1", minor: "32", gitVersion: "v1.32.0-fake" } };
  if (path === "/api")
    return { status: 200, body: { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] } };
  if (path === "/apis") return { status: 200, body: groupList() };
  if (path === "/api/v1") return { status: 200, body: resourceList("v1") };
  const gv = /^\/apis\/([^/]+\/[^/]+)$/.exec(path)?.[1];
  if (gv && SERVED[gv]) return { status: 200, body: resourceList(gv) };
  return {
    status: 404,
    body: {
      kind: "Status",
      apiVersion: "v1",
      status: "Failure",
      reason: "NotFound",
      code: 404,
      message: `${path} not found`,
    },
  };
}

export async function startFakeApiServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const { status, body } = route(new URL(req.url ?? "/", "http://localhost").pathname);
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
