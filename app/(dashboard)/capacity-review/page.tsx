import { InvalidLinkBanner } from "@/components/invalid-link-banner";
import { MonthPicker } from "@/components/month-picker";
import { requirePageUser } from "@/lib/auth/get-page-user";
import { getCapacityReview } from "@/lib/capacity/get-capacity-review";
import { monthLabel, monthOf, recentMonths, ZReviewInput } from "@/lib/capacity/review-month";
import { loadPageData } from "@/lib/http/load-page-data";
import { CapacityReviewClient } from "./client";

export const dynamic = "force-dynamic";

export default async function CapacityReviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("viewer");
  const raw = (await searchParams).month;
  const month = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  const parsed = ZReviewInput.safeParse(month === undefined ? {} : { month });
  const result = parsed.success
    ? await loadPageData(() => getCapacityReview(parsed.data))
    : { ok: false as const, message: parsed.error.issues.map((i) => i.message).join("; ") };
  const months = recentMonths(new Date(), 13);
  const selected = result.ok ? result.data.month : (parsed.success && parsed.data.month) || monthOf(new Date());
  return (
    <>
      <header className="page-header">
        <h1>Capacity review · {monthLabel(selected)}</h1>
        <MonthPicker months={months} selected={selected} />
      </header>
      {parsed.success && result.ok ? (
        <CapacityReviewClient initialData={result.data} initialInput={parsed.data} />
      ) : (
        <InvalidLinkBanner what="month" message={result.ok ? "" : result.message} />
      )}
    </>
  );
}
