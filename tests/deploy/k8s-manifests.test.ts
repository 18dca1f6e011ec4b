import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRepoDockerfile } from "./dockerfile";
import { startFakeApiServer } from "./fake-apiserver";
import { dryRunApply, hasKubectl, kubectl, KUBECTL, type K8sObject } from "./kubectl";
import { containersOf, envOf, find, podSpecOf, selects } from "./k8s-objects";
import { parseFleetConfigText } from "@/lib/inventory/fleet-config/load-fleet-config";

const OVERLAY = "deploy/k8s/overlays/eks";
if (!hasKubectl) console.warn(`SKIPPED deploy/k8s tests: ${KUBECTL} is missing (install kubectl >= 1.27 to run them)`);

describe.skipIf(!hasKubectl)("Kubernetes manifests (kustomize base + EKS overlay)", () => {
  let server: Awaited<ReturnType<typeof startFakeApiServer>>;
  let rendered = "";
  let objects: K8sObject[] = [];

  beforeAll(async () => {
    const version = JSON.parse(await kubectl(["version", "--client", "-o", "json"])) as { kustomizeVersion?: string };
    if (!/^v5\./.test(version.kustomizeVersion ?? "")) {
      throw new Error(
        `kubectl at ${KUBECTL} embeds kustomize ${version.kustomizeVersion ?? "?"}; these manifests need kubectl >= 1.27 (kustomize v5)`,
      );
    }
    server = await startFakeApiServer();
    rendered = await kubectl(["kustomize", OVERLAY]);
    objects = await dryRunApply(server.url, rendered);
  });
  afterAll(async () => server?.close());

  const web = () => find(objects, "Deployment", "fleet-console-web");
  const worker = () => find(objects, "Deployment", "fleet-console-worker");
  const job = () => find(objects, "Job", "fleet-console-migrate");
  const workloads = () => [web(), worker(), job()];
  /** A generated ConfigMap: its name plus kustomize's content hash. */
  const generatedConfigMap = (name: string) => {
    const found = objects.filter(
      (o) => o.kind === "ConfigMap" && new RegExp(`^${name}-[a-z0-9]{10}$`).test(o.metadata.name),
    );
    if (found.length !== 1) throw new Error(`expected one generated ConfigMap ${name}, found ${found.length}`);
    return found[0]!;
  };
  const appConfig = () => generatedConfigMap("fleet-console-config");
  const fleetConfig = () => generatedConfigMap("fleet-console-fleet-config");

  it("renders, and every object passes kubectl apply --dry-run=client", () => {
    const documents = rendered.split(/^---$/m).filter((d) => /^kind: /m.test(d));
    expect(objects).toHaveLength(documents.length);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
      [
        "ClusterRole/fleet-console-worker",
        "ClusterRoleBinding/fleet-console-worker",
        `ConfigMap/${appConfig().metadata.name}`,
        `ConfigMap/${fleetConfig().metadata.name}`,
        "Deployment/fleet-console-web",
        "Deployment/fleet-console-worker",
        "ExternalSecret/fleet-console-secrets",
        "HorizontalPodAutoscaler/fleet-console-web",
        "Job/fleet-console-migrate",
        "Namespace/fleet-console",
        "PodDisruptionBudget/fleet-console-web",
        "Service/fleet-console-web",
        "ServiceAccount/fleet-console",
        "ServiceAccount/fleet-console-worker",
      ].sort(),
    );
    for (const o of objects.filter((o) => !["Namespace", "ClusterRole", "ClusterRoleBinding"].includes(o.kind))) {
      expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe("fleet-console");
    }
  });

  it("the dry run rejects an API version the cluster does not serve (so the check above can fail)", async () => {
    const stale =
      "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: { name: old }\nspec: { maxUnavailable: 1 }\n";
    await expect(dryRunApply(server.url, stale)).rejects.toThrow(
      /no matches for kind "PodDisruptionBudget" in version "policy\/v1beta1"/,
    );
  });

  it("the base renders on its own", async () => {
    expect(await kubectl(["kustomize", "deploy/k8s/base"])).toMatch(/^kind: Deployment$/m);
  });

  it("web: readiness on /api/health, liveness and startup on a path that does not touch the database", () => {
    const app = containersOf(web())[0]!;
    expect(app.readinessProbe?.httpGet?.path).toBe("/api/health");
    expect(app.livenessProbe?.httpGet?.path).toBe("/api/health/live");
    expect(app.startupProbe?.httpGet?.path).toBe("/api/health/live");
    for (const probe of [app.readinessProbe, app.livenessProbe, app.startupProbe]) {
      expect(probe?.httpGet?.port).toBe("http");
    }
    expect(app.ports).toEqual([{ name: "http", containerPort: 3000 }]);
    expect(envOf(app).BACKGROUND_JOBS).toEqual({ value: "false" });
    expect(envOf(app).HOSTNAME).toEqual({ value: "0.0.0.0" }); // listen on every interface, not the pod name's
  });

  it("worker: the same image with background jobs on, probed the same way, not behind the Service", () => {
    const [w, a] = [containersOf(worker())[0]!, containersOf(web())[0]!];
    expect(w.image).toBe(a.image);
    expect(envOf(w).BACKGROUND_JOBS).toEqual({ value: "true" });
    expect(w.livenessProbe?.httpGet?.path).toBe("/api/health/live");
    const service = find(objects, "Service", "fleet-console-web");
    const selector = (service.spec as { selector: Record<string, string> }).selector;
    expect(selects(selector, web())).toBe(true);
    expect(selects(selector, worker())).toBe(false);
  });

  it("the HorizontalPodAutoscaler scales the web Deployment, and only it has no fixed replica count", () => {
    const spec = find(objects, "HorizontalPodAutoscaler").spec as {
      scaleTargetRef: unknown;
      minReplicas: number;
      maxReplicas: number;
    };
    expect(spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "fleet-console-web" });
    expect(spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(spec.maxReplicas).toBeGreaterThan(spec.minReplicas);
    expect((web().spec as { replicas?: number }).replicas).toBeUndefined();
    expect((worker().spec as { replicas?: number }).replicas).toBe(2);
  });

  it("the PodDisruptionBudget selects the web pods and nothing else", () => {
    const spec = find(objects, "PodDisruptionBudget").spec as {
      selector: { matchLabels: Record<string, string> };
      maxUnavailable: number;
    };
    expect(selects(spec.selector.matchLabels, web())).toBe(true);
    expect(selects(spec.selector.matchLabels, worker())).toBe(false);
    expect(selects(spec.selector.matchLabels, job())).toBe(false);
    expect(spec.maxUnavailable).toBe(1);
  });

  it("the migration Job runs the migration runner the image provides, once, before the rollout", () => {
    const app = containersOf(job())[0]!;
    expect(app.command).toEqual(["node", "scripts/migrate.js"]);
    expect(app.image).toBe(containersOf(web())[0]!.image);
    expect(app.image).toMatch(/^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/fleet-console:(?!latest$)\S+$/);
    const finalCopies = readRepoDockerfile()
      .stages.at(-1)!
      .instructions.filter((i) => i.op === "COPY")
      .map((i) => i.args);
    expect(finalCopies.some((c) => c.endsWith(" ./scripts/migrate.js"))).toBe(true);
    expect(podSpecOf(job()).restartPolicy).toBe("Never");
    expect(job().metadata.annotations?.["argocd.argoproj.io/hook"]).toBe("PreSync");
    expect(Object.keys(envOf(app)).sort()).toEqual(["DATABASE_URL", "NODE_EXTRA_CA_CERTS"]);
  });

  it("the provider's ServiceAccount (IAM role) serves web and worker; the migration Job gets none and no API token", () => {
    const workerSa = find(objects, "ServiceAccount", "fleet-console-worker");
    expect(workerSa.metadata.annotations?.["eks.amazonaws.com/role-arn"]).toMatch(
      /^arn:aws:iam::\d{12}:role\/[\w+=,.@-]+$/,
    );
    expect(
      find(objects, "ServiceAccount", "fleet-console").metadata.annotations?.["eks.amazonaws.com/role-arn"],
    ).toBeUndefined();
    // Web calls the fleet provider for launch/drain previews (reads), the worker for the changes.
    expect(podSpecOf(worker()).serviceAccountName).toBe("fleet-console-worker");
    expect(podSpecOf(web()).serviceAccountName).toBe("fleet-console-worker");
    expect(podSpecOf(job()).serviceAccountName).toBe("fleet-console");
    for (const w of [web(), job()]) expect(podSpecOf(w).automountServiceAccountToken).toBe(false);
  });

  it("RBAC: exactly the drain and inventory permissions (reads without watch), bound to the worker's account in its namespace", () => {
    const rules = (
      find(objects, "ClusterRole").rules as Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }>
    )
      .flatMap((r) =>
        r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${g || "core"}/${res}:${v}`))),
      )
      .sort();
    expect(rules).toEqual(
      [
        "core/nodes:get",
        "core/nodes:list",
        "core/nodes:patch",
        "core/pods:get",
        "core/pods:list",
        "core/pods/eviction:create",
        "policy/poddisruptionbudgets:list",
        "karpenter.sh/nodepools:get",
        "karpenter.sh/nodepools:list",
        "karpenter.sh/nodeclaims:get",
        "karpenter.sh/nodeclaims:list",
        "karpenter.sh/nodeclaims:delete",
      ].sort(),
    );
    const binding = find(objects, "ClusterRoleBinding");
    expect(binding.subjects).toEqual([
      { kind: "ServiceAccount", name: "fleet-console-worker", namespace: "fleet-console" },
    ]);
    expect(binding.roleRef).toEqual({
      apiGroup: "rbac.authorization.k8s.io",
      kind: "ClusterRole",
      name: "fleet-console-worker",
    });
  });

  it("every pod runs as non-root with a read-only root filesystem; only emptyDirs are writable", () => {
    for (const w of workloads()) {
      const pod = podSpecOf(w);
      const podSecurity = pod.securityContext as {
        runAsNonRoot: boolean;
        runAsUser: number;
        seccompProfile: { type: string };
      };
      expect(podSecurity.runAsNonRoot, w.metadata.name).toBe(true);
      expect(podSecurity.runAsUser).toBeGreaterThan(0);
      expect(podSecurity.seccompProfile.type).toBe("RuntimeDefault");
      for (const c of containersOf(w)) {
        expect(c.securityContext).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        });
        const volumes = new Map((pod.volumes as Array<{ name: string; emptyDir?: unknown }>).map((v) => [v.name, v]));
        const writable = (c.volumeMounts ?? [])
          .filter((m) => !m.readOnly)
          .map((m) => [m.mountPath, Boolean(volumes.get(m.name)?.emptyDir)]);
        expect(
          writable.every(([, isEmptyDir]) => isEmptyDir),
          `${w.metadata.name}: ${JSON.stringify(writable)}`,
        ).toBe(true);
        expect(writable.map(([p]) => p)).toContain("/tmp");
      }
    }
    expect(find(objects, "Namespace").metadata.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");
  });

  it("secrets are referenced from the synced Secret, never inlined; config comes from the generated ConfigMap", () => {
    expect(objects.filter((o) => o.kind === "Secret")).toEqual([]);
    const secretName = (find(objects, "ExternalSecret").spec as { target: { name: string } }).target.name;
    const configMap = appConfig();
    const configKeys = Object.keys(configMap.data as Record<string, string>);
    for (const key of ["DATABASE_URL", "AUTH_SECRET", "OIDC_CLIENT_SECRET", "METRICS_TOKEN"])
      expect(configKeys).not.toContain(key);
    expect(configMap.data).toMatchObject({ TELEMETRY_SOURCE: "cloudwatch", FLEET_PROVIDER: "aws" });
    for (const w of workloads()) {
      const app = containersOf(w)[0]!;
      const env = envOf(app);
      expect(env.DATABASE_URL).toEqual({ valueFrom: { secretKeyRef: { name: secretName, key: "DATABASE_URL" } } });
      for (const [name, entry] of Object.entries(env)) {
        if (/SECRET|TOKEN|PASSWORD|DATABASE_URL/.test(name))
          expect(entry.value, `${w.metadata.name} ${name}`).toBeUndefined();
      }
      if (w.kind === "Deployment") {
        expect(env.AUTH_SECRET?.valueFrom?.secretKeyRef?.name).toBe(secretName);
        expect(env.OIDC_CLIENT_SECRET?.valueFrom?.secretKeyRef?.name).toBe(secretName);
        expect(app.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
      }
    }
  });

  it("the fleet config file: a generated ConfigMap mounted read-only into web and worker, named by FLEET_CONFIG_FILE, and valid", () => {
    const configMap = fleetConfig();
    const data = configMap.data as Record<string, string>;
    expect(Object.keys(data)).toEqual(["fleet-config.yaml"]);
    expect(() =>
      parseFleetConfigText({ text: data["fleet-config.yaml"]!, fileName: "fleet-config.yaml" }),
    ).not.toThrow();
    for (const w of [web(), worker()]) {
      const app = containersOf(w)[0]!;
      const volumes = podSpecOf(w).volumes as Array<{ name: string; configMap?: { name: string } }>;
      expect(
        volumes.filter((v) => v.configMap?.name === configMap.metadata.name),
        w.metadata.name,
      ).toEqual([{ name: "fleet-config", configMap: { name: configMap.metadata.name } }]);
      expect(app.volumeMounts?.filter((m) => m.name === "fleet-config")).toEqual([
        { name: "fleet-config", mountPath: "/etc/fleet-console", readOnly: true },
      ]);
      expect(envOf(app).FLEET_CONFIG_FILE).toEqual({ value: "/etc/fleet-console/fleet-config.yaml" });
    }
    expect(envOf(containersOf(job())[0]!).FLEET_CONFIG_FILE).toBeUndefined();
    expect(appConfig().data).toMatchObject({ INVENTORY_SYNC_INTERVAL_SECONDS: "300" });
  });

  it("rollout script and the Job agree on names", () => {
    const script = readFileSync("deploy/rollout.sh", "utf8");
    expect(script).toContain(`job=${job().metadata.name}`);
    expect(script).toContain(`deployment/${web().metadata.name}`);
    expect(script).toContain(`deployment/${worker().metadata.name}`);
  });
});
