"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { RangeLink } from "./range-link";

const KINDS = { models: "model", pools: "pool", training: "training run" } as const;

/** What was not found, named from the address, with the way back to the list it belongs to. */
export function NotFoundView() {
  const [section, id] = usePathname().split("/").filter(Boolean).map(safeDecode);
  const kind = section && section in KINDS ? KINDS[section as keyof typeof KINDS] : null;
  return (
    <div className="panel" role="alert" data-testid="not-found">
      <h1>Not found</h1>
      {kind && id ? (
        <p>
          There is no {kind} named <code>{id}</code>. <RangeLink href={`/${section}`}>All {section}</RangeLink> ·{" "}
          <RangeLink href="/">Fleet overview</RangeLink>
        </p>
      ) : (
        <p>
          Nothing lives at this address. <Link href="/">Back to the fleet overview</Link>
        </p>
      )}
    </div>
  );
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
