import { requirePageUser } from "@/lib/auth/get-page-user";
import { ZBillingParams } from "@/lib/billing/billed-vs-estimated-dto";
import { getBilledVsEstimated } from "@/lib/billing/get-billed-vs-estimated";
import { InvalidLinkBanner } from "@/components/invalid-link-banner";
import { loadPageData } from "@/lib/http/load-page-data";
import { BillingClient } from "./client";

export const dynamic = "force-dynamic";

export default async function BillingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("viewer");
  const search = await searchParams;
  const parsed = ZBillingParams.safeParse(typeof search.days === "string" ? { days: search.days } : {});
  const params = parsed.success ? parsed.data : ZBillingParams.parse({});
  const result = await loadPageData(() => getBilledVsEstimated({ days: params.days }));
  return (
    <>
      <header className="page-header">
        <h1>Billed vs estimated</h1>
      </header>
      {!parsed.success && (
        <div className="banner warn" role="alert">
          This link&apos;s &quot;days&quot; must be a whole number from 1 to 90. Showing the last {params.days} days.
        </div>
      )}
      {result.ok ? (
        <BillingClient initialData={result.data} params={params} />
      ) : (
        <InvalidLinkBanner what="request" message={result.message} />
      )}
    </>
  );
}
