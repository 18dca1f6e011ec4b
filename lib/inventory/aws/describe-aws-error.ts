import "server-only";
import { AutoScalingServiceException } from "@aws-sdk/client-auto-scaling";
import { EC2ServiceException } from "@aws-sdk/client-ec2";
import { PricingServiceException } from "@aws-sdk/client-pricing";

/**
 * An AWS error as an operator reads it on a failed scope: "<service> <Code>: <message>", e.g.
 * "EC2 UnauthorizedOperation: You are not authorized to perform this operation.". The SDK names a
 * service error after its code (modelled or not); a network error keeps Node's code (ECONNREFUSED).
 */
export function describeAwsError(err: unknown): string {
  if (!(err instanceof Error)) return `AWS error: ${String(err)}`;
  const service =
    err instanceof EC2ServiceException
      ? "EC2"
      : err instanceof AutoScalingServiceException
        ? "Auto Scaling"
        : err instanceof PricingServiceException
          ? "Pricing"
          : "AWS";
  const nodeCode = (err as NodeJS.ErrnoException).code;
  const code = typeof nodeCode === "string" && nodeCode ? nodeCode : err.name;
  return `${service} ${code}: ${err.message}`;
}
