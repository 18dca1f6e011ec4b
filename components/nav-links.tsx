"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/models", label: "Models" },
  { href: "/pools", label: "Pools" },
  { href: "/capacity", label: "Capacity" },
  { href: "/capacity-review", label: "Capacity review" },
  { href: "/audit", label: "Audit" },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul>
      {LINKS.map((link) => {
        const active =
          link.href === "/" ? pathname === "/" : pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <li key={link.href}>
            <Link href={link.href} aria-current={active ? "page" : undefined}>
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
