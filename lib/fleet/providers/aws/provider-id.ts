import "server-only";

// Kubernetes nodes and Karpenter NodeClaims name their EC2 instance in spec/status providerID,
// e.g. "aws:///us-east-1a/i-0123456789abcdef0" (zone and id; the empty host is intentional).
export function instanceIdFromProviderId(providerId: string | undefined | null): string | null {
  if (!providerId?.startsWith("aws://")) return null;
  const last = providerId.split("/").pop() ?? "";
  return /^i-[0-9a-f]+$/.test(last) ? last : null;
}
