// Runs Debian's kubectl (apt package `kubernetes-client`) for the deploy tests, without a cluster.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const KUBECTL = "/usr/bin/kubectl";
export const hasKubectl = existsSync(KUBECTL);

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
};

/** Runs kubectl with its caches in a throwaway HOME; rejects with stderr on a non-zero exit. */
export function kubectl(args: string[], input?: string): Promise<string> {
  const home = mkdtempSync(path.join(os.tmpdir(), "fc-kubectl-"));
  return new Promise<string>((resolve, reject) => {
    const child = spawn(KUBECTL, args, { env: { ...process.env, HOME: home, KUBECONFIG: path.join(home, "none") } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      rmSync(home, { recursive: true, force: true });
      if (code === 0) resolve(stdout);
      else reject(new Error(`kubectl ${args.join(" ")} exited ${code}: ${stderr.trim()}`));
    });
    child.stdin.end(input ?? "");
  });
}

/** `kubectl apply --dry-run=client --validate=false` against a discovery-only API server. */
export async function dryRunApply(serverUrl: string, manifests: string): Promise<K8sObject[]> {
  const out = await kubectl(
    ["--server", serverUrl, "apply", "--dry-run=client", "--validate=false", "-o", "json", "-f", "-"],
    manifests,
  );
  const parsed = JSON.parse(out) as { kind: string; items?: K8sObject[] };
  return parsed.kind === "List" ? (parsed.items ?? []) : [parsed as K8sObject];
}
