import Link from "next/link";
import { connection } from "next/server";
import { NotFoundView } from "@/components/not-found-view";

// An address no route matches. Rendered per request, not prerendered, so its scripts carry the
// request's CSP nonce (a prerendered page's inline scripts are refused by the policy).
export default async function NotFound() {
  await connection();
  return (
    <div className="shell">
      <nav className="nav" aria-label="Main">
        <div className="brand">Fleet Console</div>
        <ul>
          <li>
            <Link href="/">Overview</Link>
          </li>
          <li>
            <Link href="/models">Models</Link>
          </li>
          <li>
            <Link href="/pools">Pools</Link>
          </li>
        </ul>
      </nav>
      <main id="main" className="main">
        <NotFoundView />
      </main>
    </div>
  );
}
