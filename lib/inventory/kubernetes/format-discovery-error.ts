import "server-only";
import { EKSServiceException } from "@aws-sdk/client-eks";
import { ApiException } from "@kubernetes/client-node";
import { kubeStatusBody } from "@/lib/fleet/providers/aws/kube-errors";

const HTTP_REASON: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  410: "Gone",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/**
 * A discovery failure as an operator should read it in a failed scope: which system, its code,
 * its own message. "EKS AccessDeniedException: …", "Kubernetes 403 Forbidden: nodepools.karpenter.sh
 * is forbidden: …". An error that never reached an answer (refused, TLS, DNS) carries no code of
 * the service; `system` then names where it was going: "Kubernetes request failed: …".
 */
export function formatDiscoveryError(error: unknown, system?: "EKS" | "Kubernetes"): string {
  if (error instanceof EKSServiceException) {
    return `EKS ${error.name}: ${error.message}`;
  }
  if (error instanceof ApiException) {
    const status = kubeStatusBody(error);
    const reason = HTTP_REASON[error.code] ?? status.reason ?? "Error";
    return `Kubernetes ${error.code} ${reason}: ${status.message ?? "no message"}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return system ? `${system} request failed: ${message}` : message;
}
