// Launch/drain input errors read as sentences naming the dialog's fields, never zod's own text.
import { describe, expect, it } from "vitest";
import { ZPoolActionPreviewRequest, ZPoolActionRequest } from "@/lib/fleet/actions/action-input";
import { describeActionInputIssues } from "@/lib/fleet/actions/action-input-messages";
import { launchOverMax } from "@/lib/fleet/actions/launch-over-max";

const describeOf = (schema: typeof ZPoolActionPreviewRequest | typeof ZPoolActionRequest, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected a refusal");
  return describeActionInputIssues(result.error.issues);
};

describe("action input messages", () => {
  it("words each issue as a sentence and keeps the first per field", () => {
    expect(describeOf(ZPoolActionPreviewRequest, { kind: "launch", count: 5000 })).toEqual({
      message: "The number of instances must be at most 1000 per request.",
      fields: { count: "The number of instances must be at most 1000 per request." },
    });
    expect(describeOf(ZPoolActionPreviewRequest, { kind: "launch", count: 2.5 }).message).toBe(
      "The number of instances must be a whole number.",
    );
    expect(describeOf(ZPoolActionPreviewRequest, { kind: "launch", count: null }).message).toBe(
      "The number of instances must be a number.",
    );
    expect(describeOf(ZPoolActionPreviewRequest, { kind: "launch" }).message).toBe(
      "Enter how many instances (a whole number).",
    );
    expect(describeOf(ZPoolActionPreviewRequest, { kind: "launch", mode: "all" }).message).toBe(
      "Only a drain can take the whole pool.",
    );
    expect(describeOf(ZPoolActionPreviewRequest, { kind: "scale", count: 1, force: true })).toEqual({
      message: "The action must be one of “launch”, “drain”. This request does not take “force”.",
      fields: { kind: "The action must be one of “launch”, “drain”." },
    });
    const short = describeOf(ZPoolActionRequest, { kind: "drain", count: 1, reason: "hi", confirmPoolName: "p" });
    expect(short.fields).toEqual({ reason: "The reason must be at least 5 characters." });
  });

  it("states a launch over the pool's maximum with the room left", () => {
    expect(launchOverMax({ desiredBefore: 64, max: 128 }, 500)).toBe(
      "64 → 564 exceeds the pool maximum of 128 (at most 64 more)",
    );
    expect(launchOverMax({ desiredBefore: 128, max: 128 }, 1)).toBe(
      "128 → 129 exceeds the pool maximum of 128 (it is already at its maximum)",
    );
    expect(launchOverMax({ desiredBefore: 64, max: 128 }, 64)).toBeNull();
  });
});
