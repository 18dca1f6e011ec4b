import type { z } from "zod";

// A launch or drain request's validation issues as sentences a person reads in the dialog (and the
// API's 400 message), naming the field in the dialog's words, never zod's default text. Client-safe:
// the dialog checks its input with the same schema and this before it asks the server.

const LABELS: Record<string, string> = {
  kind: "The action",
  mode: "How many",
  count: "The number of instances",
  reason: "The reason",
  confirmPoolName: "The pool name you typed",
  overrides: "An override reason",
};

const labelOf = (path: PropertyKey[]) => LABELS[String(path[0] ?? "")] ?? `The field ${path.join(".")}`;
const plural = (n: number | bigint, word: string) => `${n} ${word}${Number(n) === 1 ? "" : "s"}`;

export function describeIssue(issue: z.core.$ZodIssue): string {
  const label = labelOf(issue.path);
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "int") return `${label} must be a whole number.`;
      if (issue.expected === "number") return `${label} must be a number.`;
      if (issue.expected === "string") return `${label} must be text.`;
      return `${label} is missing or of the wrong kind.`;
    case "too_big":
      return issue.origin === "string"
        ? `${label} must be at most ${plural(issue.maximum, "character")}.`
        : `${label} must be at most ${issue.maximum}${issue.path[0] === "count" ? " per request" : ""}.`;
    case "too_small":
      return issue.origin === "string"
        ? `${label} must be at least ${plural(issue.minimum, "character")}.`
        : `${label} must be at least ${issue.minimum}.`;
    case "invalid_value":
      return `${label} must be one of ${issue.values.map((v) => `“${String(v)}”`).join(", ")}.`;
    case "unrecognized_keys":
      return `This request does not take ${issue.keys.map((k) => `“${k}”`).join(", ")}.`;
    case "custom":
      // Our own refinements (action-input.ts) are written as sentences.
      return issue.message;
    default:
      return `${label} is not valid.`;
  }
}

/** Every issue as a sentence, and the first sentence per dialog field (to highlight it). */
export function describeActionInputIssues(issues: z.core.$ZodIssue[]): {
  message: string;
  fields: Record<string, string>;
} {
  const fields: Record<string, string> = {};
  const sentences = issues.map((issue) => {
    const sentence = describeIssue(issue);
    const field = String(issue.path[0] ?? "");
    if (field && !(field in fields)) fields[field] = sentence;
    return sentence;
  });
  return { message: [...new Set(sentences)].join(" "), fields };
}
