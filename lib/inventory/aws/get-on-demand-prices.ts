import "server-only";
import { type Filter, paginateGetProducts } from "@aws-sdk/client-pricing";
import { z } from "zod";
import type { DiscoveredPrice } from "@/lib/inventory/types";
import { getPricingClient } from "./inventory-aws-clients";
import { mapWithConcurrency } from "./map-with-concurrency";

// One Price List product, as the JSON string GetProducts returns for it; only what is read here.
const ZPriceDimension = z.object({ unit: z.string(), pricePerUnit: z.record(z.string(), z.string()) });
const ZPriceListProduct = z.object({
  product: z.object({ sku: z.string().optional() }).optional(),
  terms: z
    .object({
      OnDemand: z.record(z.string(), z.object({ priceDimensions: z.record(z.string(), ZPriceDimension) })).optional(),
    })
    .optional(),
});

/** The Price List API's request rate is low; a few queries at a time are enough. */
const CONCURRENT_QUERIES = 3;

/**
 * Linux, shared-tenancy, no-preinstalled-software on-demand $/h of each type in `region`, asked of
 * the Price List API in `pricingRegion`. A type without such a price is absent from the result.
 */
export async function getOnDemandPrices(args: {
  pricingRegion: string;
  region: string;
  instanceTypes: string[];
}): Promise<DiscoveredPrice[]> {
  const client = getPricingClient(args.pricingRegion);
  const names = [...new Set(args.instanceTypes)].sort();
  const prices = await mapWithConcurrency(names, CONCURRENT_QUERIES, async (instanceType) => {
    for await (const page of paginateGetProducts(
      { client, pageSize: 100 },
      { ServiceCode: "AmazonEC2", FormatVersion: "aws_v1", Filters: priceFilters(instanceType, args.region) },
    )) {
      for (const entry of page.PriceList ?? []) {
        const price = readOnDemandPrice(String(entry));
        if (price) return { instanceType, region: args.region, ...price };
      }
    }
    return null;
  });
  return prices.filter((p): p is DiscoveredPrice => p !== null);
}

function priceFilters(instanceType: string, regionCode: string): Filter[] {
  const match = (Field: string, Value: string): Filter => ({ Type: "TERM_MATCH", Field, Value });
  return [
    match("instanceType", instanceType),
    match("regionCode", regionCode),
    match("operatingSystem", "Linux"),
    match("tenancy", "Shared"),
    match("preInstalledSw", "NA"),
    match("capacitystatus", "Used"),
  ];
}

/** The product's on-demand USD per hour (unit "Hrs"), or null when it has none. */
function readOnDemandPrice(json: string): { onDemandUsdPerHour: number; sku: string | null } | null {
  const product = ZPriceListProduct.parse(JSON.parse(json));
  for (const term of Object.values(product.terms?.OnDemand ?? {})) {
    for (const dimension of Object.values(term.priceDimensions)) {
      const usd = dimension.pricePerUnit.USD;
      if (dimension.unit === "Hrs" && usd !== undefined && Number.isFinite(Number(usd))) {
        return { onDemandUsdPerHour: Number(usd), sku: product.product?.sku ?? null };
      }
    }
  }
  return null;
}
