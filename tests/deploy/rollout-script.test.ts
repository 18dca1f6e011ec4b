import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hasKubectl, KUBECTL } from "./kubectl";

// deploy/rollout.sh against a kubectl stand-in that records its calls: `kustomize` goes to the
// real kubectl, `get job` reports the state the test chooses, everything else succeeds.
let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function runRollout(jobConditions: string): { status: number | null; calls: string[]; stderr: string } {
  dir = mkdtempSync(path.join(os.tmpdir(), "fc-rollout-"));
  const log = path.join(dir, "calls.log");
  writeFileSync(
    path.join(dir, "kubectl"),
    `#!/usr/bin/env bash
echo "$*" >> "${log}"
case "$*" in
  "kustomize "*) exec "${KUBECTL}" "$@" ;;
  *" get job "*) printf '%s' "${jobConditions}" ;;
esac
`,
  );
  chmodSync(path.join(dir, "kubectl"), 0o755);
  const result = spawnSync("bash", ["deploy/rollout.sh"], {
    env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, HOME: dir },
    encoding: "utf8",
    timeout: 30_000, // a guard against a stub mismatch making the wait loop spin, not an assertion
  });
  return { status: result.status, calls: readFileSync(log, "utf8").trim().split("\n"), stderr: result.stderr };
}

describe.skipIf(!hasKubectl)("deploy/rollout.sh", () => {
  it("applies the migration Job alone, waits for it, then applies everything and waits for both Deployments", () => {
    const { status, calls } = runRollout("SuccessCriteriaMet Complete");
    expect(status).toBe(0);
    expect(calls.map((c) => c.replace(/-f \S+/, "-f RENDERED"))).toEqual([
      "kustomize deploy/k8s/overlays/eks",
      "-n fleet-console delete job fleet-console-migrate --ignore-not-found --wait=true",
      "apply -f RENDERED -l app.kubernetes.io/component notin (web,worker)",
      `-n fleet-console get job fleet-console-migrate -o jsonpath={.status.conditions[?(@.status=="True")].type}`,
      "apply -f RENDERED",
      "-n fleet-console rollout status deployment/fleet-console-web --timeout=10m",
      "-n fleet-console rollout status deployment/fleet-console-worker --timeout=10m",
    ]);
  });

  it("stops before any Deployment is applied when the migration fails", () => {
    const { status, calls, stderr } = runRollout("FailureTarget Failed");
    expect(status).toBe(1);
    expect(stderr).toContain("migration job failed");
    expect(calls.filter((c) => c.startsWith("apply"))).toHaveLength(1);
    expect(calls.some((c) => c.includes("rollout status"))).toBe(false);
  });
});
