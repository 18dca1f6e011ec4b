import "server-only";
import type { V1LabelSelector } from "@kubernetes/client-node";

/**
 * Kubernetes label-selector semantics for a policy/v1 PodDisruptionBudget: an empty selector
 * ({}) selects every pod in the namespace, a missing one selects none.
 */
export function matchesLabelSelector(selector: V1LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, key);
    const value = labels[key];
    if (operator === "In" && !(has && value !== undefined && values.includes(value))) return false;
    if (operator === "NotIn" && has && value !== undefined && values.includes(value)) return false;
    if (operator === "Exists" && !has) return false;
    if (operator === "DoesNotExist" && has) return false;
  }
  return true;
}
