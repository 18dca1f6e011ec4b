import { describe, expect, it } from "vitest";
import { predictFinish, terminationStart } from "@/lib/training/finish-prediction";

const at = (iso: string) => new Date(iso);

describe("terminationStart", () => {
  it("is end − 30 min, 60 for UltraServers", () => {
    expect(terminationStart(at("2026-12-10T11:30:00Z"), "trn2.48xlarge").toISOString()).toBe(
      "2026-12-10T11:00:00.000Z",
    );
    expect(terminationStart(at("2026-12-10T11:30:00Z"), "trn2u.48xlarge").toISOString()).toBe(
      "2026-12-10T10:30:00.000Z",
    );
  });
});

describe("predictFinish at the boundary", () => {
  // Block ends 11:30, termination starts 11:00. Now 08:00; 1,000 tokens/s. Remaining work of
  // 3 h × 3,600 s × 1,000 = 10,800,000 tokens finishes exactly at 11:00; ±60,000 tokens is ± one minute.
  const base = {
    now: at("2026-12-10T08:00:00Z"),
    targetTokens: 20_000_000,
    recentTokensPerSecond: 1000,
    block: { endAt: at("2026-12-10T11:30:00Z"), instanceType: "trn2.48xlarge" },
    checkpointWriteSeconds: 600,
  };
  const remaining = 10_800_000;
  const predict = (rem: number) => predictFinish({ ...base, tokensDone: base.targetTokens - rem });

  it("exactly at the cut-off is in time", () => {
    const p = predict(remaining);
    expect(p.predictedFinishAt?.toISOString()).toBe("2026-12-10T11:00:00.000Z");
    expect(p.cutoffAt?.toISOString()).toBe("2026-12-10T11:00:00.000Z");
    expect(p.willFinishInTime).toBe(true);
  });
  it("one minute before the cut-off is in time", () => {
    const p = predict(remaining - 60_000);
    expect(p.predictedFinishAt?.toISOString()).toBe("2026-12-10T10:59:00.000Z");
    expect(p.willFinishInTime).toBe(true);
  });
  it("one minute after the cut-off is not", () => {
    const p = predict(remaining + 60_000);
    expect(p.predictedFinishAt?.toISOString()).toBe("2026-12-10T11:01:00.000Z");
    expect(p.willFinishInTime).toBe(false);
  });
  it("the latest safe checkpoint is the cut-off less the checkpoint write time", () => {
    expect(predict(remaining).latestSafeCheckpointAt?.toISOString()).toBe("2026-12-10T10:50:00.000Z");
  });
  it("says nothing without throughput, and has no deadline off a block", () => {
    const p = predictFinish({ ...base, tokensDone: 0, recentTokensPerSecond: 0 });
    expect(p.predictedFinishAt).toBeNull();
    expect(p.willFinishInTime).toBeNull();
    const off = predictFinish({ ...base, tokensDone: 0, block: null });
    expect(off.cutoffAt).toBeNull();
    expect(off.willFinishInTime).toBeNull();
  });
});
