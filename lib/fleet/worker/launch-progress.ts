import type { InstanceBoot } from "../provider";
import type { TLaunchedInstance } from "./step-details";

// What the wait-for-instances step knows about the instances its launch started, merged poll by
// poll. Definitions (README "Pool operations"):
// - the launch's instances: those the provider lists that were not in the pool before the change
//   (set-desired-capacity saves the ids before its call);
// - an instance's boot time: inServiceAt − launchedAt, in seconds, for instances seen in service;
// - the observed boot time: the median of the boot times of this pool's launches as the worker
//   recorded them (earlier launches and this one); the median of an even count is the mean of the
//   two middle values;
// - an instance's ETA: launchedAt + the observed boot time, for instances still pending or running;
//   null while no boot has been observed on the pool (never a guessed default);
// - the launch's ETA: the latest ETA of its instances still booting (null if any of theirs is null).

export type LaunchProgress = {
  instances: TLaunchedInstance[];
  boot: { samples: number; medianSeconds: number } | null;
  etaAt: string | null;
};

export function bootSecondsOf(i: Pick<TLaunchedInstance, "launchedAt" | "inServiceAt">): number | null {
  if (!i.inServiceAt) return null;
  const seconds = (Date.parse(i.inServiceAt) - Date.parse(i.launchedAt)) / 1000;
  return seconds >= 0 ? seconds : null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function trackLaunchProgress(args: {
  /** Instance ids in the pool before the change. */
  before: string[];
  /** What the previous poll saved (undefined on the first). */
  previous: TLaunchedInstance[] | undefined;
  /** Every instance the provider lists now. */
  boots: InstanceBoot[];
  now: Date;
  /** Boot times (seconds) of this pool's earlier launches. */
  pastBootSeconds: number[];
}): LaunchProgress {
  const before = new Set(args.before);
  const nowIso = args.now.toISOString();
  const previous = new Map((args.previous ?? []).map((i) => [i.instanceId, i]));
  const listed = args.boots.filter((b) => !before.has(b.instanceId));
  const seen = new Set(listed.map((b) => b.instanceId));

  const tracked: Array<Omit<TLaunchedInstance, "etaAt">> = listed.map((b) => {
    const prev = previous.get(b.instanceId);
    const launchedAt = b.launchedAt?.toISOString() ?? prev?.launchedAt ?? nowIso;
    // Once seen in service, an instance keeps its in-service time (a later poll does not move it).
    const inServiceAt =
      prev?.inServiceAt ?? (b.state === "in_service" ? (b.inServiceAt?.toISOString() ?? nowIso) : null);
    return {
      instanceId: b.instanceId,
      nodeName: b.nodeName ?? prev?.nodeName ?? null,
      state: b.state,
      launchedAt,
      launchedAtSeen: b.launchedAt ? false : (prev?.launchedAtSeen ?? true),
      inServiceAt,
    };
  });
  // An instance no longer listed keeps its last state if it had served; one that vanished while
  // still booting failed to boot.
  for (const prev of previous.values()) {
    if (seen.has(prev.instanceId)) continue;
    tracked.push({ ...prev, state: prev.state === "in_service" ? "in_service" : "failed" });
  }

  const samples = [
    ...args.pastBootSeconds,
    ...tracked.flatMap((i) => {
      const s = bootSecondsOf(i);
      return s === null ? [] : [s];
    }),
  ];
  const medianSeconds = median(samples);
  const instances = tracked
    .map((i): TLaunchedInstance => {
      const booting = i.state === "pending" || i.state === "running";
      const etaAt =
        booting && medianSeconds !== null
          ? new Date(Date.parse(i.launchedAt) + medianSeconds * 1000).toISOString()
          : null;
      return { ...i, etaAt };
    })
    .sort((a, b) => a.launchedAt.localeCompare(b.launchedAt) || a.instanceId.localeCompare(b.instanceId));
  const booting = instances.filter((i) => i.state === "pending" || i.state === "running");
  const etaAt =
    booting.length === 0 || booting.some((i) => i.etaAt === null)
      ? null
      : booting.map((i) => i.etaAt!).reduce((a, b) => (a > b ? a : b));
  return {
    instances,
    boot: medianSeconds === null ? null : { samples: samples.length, medianSeconds },
    etaAt,
  };
}
