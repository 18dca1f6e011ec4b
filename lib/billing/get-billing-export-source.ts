import "server-only";
import { getConfig } from "@/lib/config";
import { createS3BillingExportSource } from "./s3-billing-export-source";
import { createSimulatedBillingExportSource } from "./simulated/simulated-billing-export-source";
import type { BillingExportSource } from "./types";

/** The billing export BILLING_SOURCE selects; null for "none". */
export function getBillingExportSource(): BillingExportSource | null {
  const config = getConfig();
  if (config.BILLING_SOURCE === "none") return null;
  if (config.BILLING_SOURCE === "simulated") return createSimulatedBillingExportSource();
  if (!config.BILLING_EXPORT_S3_URI) throw new Error("BILLING_SOURCE=s3 needs BILLING_EXPORT_S3_URI");
  return createS3BillingExportSource({
    exportUri: config.BILLING_EXPORT_S3_URI,
    region: config.BILLING_EXPORT_REGION,
    forcePathStyle: config.BILLING_S3_FORCE_PATH_STYLE,
  });
}
