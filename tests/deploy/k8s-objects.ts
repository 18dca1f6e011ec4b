// Typed access to the parts of rendered Kubernetes objects that the deploy tests check.
import type { K8sObject } from "./kubectl";

type Probe = { httpGet?: { path: string; port: string | number } };
type EnvVar = {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
};
export type Container = {
  name: string;
  image: string;
  command?: string[];
  ports?: unknown[];
  env?: EnvVar[];
  envFrom?: unknown[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  securityContext?: unknown;
  volumeMounts?: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
};
type PodSpec = { containers: Container[]; [key: string]: unknown };
type Workload = K8sObject & { spec: { template: { metadata: { labels: Record<string, string> }; spec: PodSpec } } };

export function find(objects: K8sObject[], kind: string, name?: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? `/${name}` : ""}, found ${found.length}`);
  return found[0]!;
}

export const podSpecOf = (o: K8sObject): PodSpec => (o as Workload).spec.template.spec;
export const containersOf = (o: K8sObject): Container[] => podSpecOf(o).containers;

/** Env entries by name, without the name (so a literal and a reference compare differently). */
export function envOf(c: Container): Record<string, Omit<EnvVar, "name">> {
  return Object.fromEntries((c.env ?? []).map(({ name, ...rest }) => [name, rest]));
}

/** Whether a matchLabels-style selector selects the workload's pod template. */
export function selects(selector: Record<string, string>, workload: K8sObject): boolean {
  const labels = (workload as Workload).spec.template.metadata.labels;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
