"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useWithRange } from "./range-link";

// `range`: the page reads the dashboard's time range, so the link keeps the current one.
const LINKS = [
  { href: "/", label: "Overview", range: true },
  { href: "/models", label: "Models", range: true },
  { href: "/pools", label: "Pools", range: true },
  { href: "/capacity", label: "Capacity", range: true },
  { href: "/capacity-review", label: "Capacity review", range: false },
  { href: "/training", label: "Training", range: false },
  { href: "/billing", label: "Billing", range: false },
  { href: "/actions", label: "Actions", range: false },
  { href: "/inventory", label: "Inventory", range: false },
  { href: "/audit", label: "Audit", range: false },
];
const ADMIN_LINKS = [{ href: "/sessions", label: "Sessions", range: false }];

/**
 * The main navigation; `isAdmin` adds the admin pages (they check the role again themselves) and
 * the approvals inbox with `pendingApprovals`, the count of actions waiting for a second admin.
 */
export function NavLinks({
  isAdmin = false,
  pendingApprovals = null,
}: {
  isAdmin?: boolean;
  pendingApprovals?: number | null;
}) {
  const pathname = usePathname();
  const withRange = useWithRange();
  const approvals = {
    href: "/approvals",
    label: pendingApprovals ? `Approvals (${pendingApprovals})` : "Approvals",
    range: false,
  };
  return (
    <ul>
      {[...LINKS, ...(isAdmin ? [approvals, ...ADMIN_LINKS] : [])].map((link) => {
        const active =
          link.href === "/" ? pathname === "/" : pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <li key={link.href}>
            <Link href={link.range ? withRange(link.href) : link.href} aria-current={active ? "page" : undefined}>
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
