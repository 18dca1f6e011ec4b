"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import type { ComponentProps } from "react";
import { rangeSearchOf } from "@/lib/url/range-search-params";

/** `href` with the current page's time range (range, from, to) added, so drill-downs keep it. */
export function useWithRange(): (href: string) => string {
  const range = rangeSearchOf(new URLSearchParams(useSearchParams().toString()));
  return (href) => (range ? `${href}${href.includes("?") ? "&" : "?"}${range}` : href);
}

/** A link to a page on the dashboard's time range that keeps the current one (as Grafana does). */
export function RangeLink({ href, ...rest }: Omit<ComponentProps<typeof Link>, "href"> & { href: string }) {
  return <Link href={useWithRange()(href)} {...rest} />;
}
