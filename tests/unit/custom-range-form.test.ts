import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { CustomRangeForm } from "@/components/custom-range-form";
import { NavMenu } from "@/components/nav-menu";

vi.mock("next/navigation", () => ({ usePathname: () => "/models" }));

describe("custom range form (first paint)", () => {
  it("shows a link's range in UTC datetime-local fields, labelled UTC", () => {
    const html = renderToStaticMarkup(
      createElement(CustomRangeForm, {
        initialFrom: "2026-12-04T12:00:00+02:00",
        initialTo: "2026-12-05 06:30",
        onApply: () => {},
      }),
    );
    expect(html).toContain('aria-label="Custom time range (UTC)"');
    expect(html).toMatch(/From \(UTC\)<input type="datetime-local"[^>]* value="2026-12-04T10:00"/);
    expect(html).toMatch(/To \(UTC\)<input type="datetime-local"[^>]* value="2026-12-05T06:30"/);
    expect(html).not.toContain('role="alert"');
  });

  it("says From after To inline from the first paint", () => {
    const html = renderToStaticMarkup(
      createElement(CustomRangeForm, {
        initialFrom: "2026-12-05T00:00:00Z",
        initialTo: "2026-12-04T00:00:00Z",
        onApply: () => {},
      }),
    );
    expect(html).toMatch(/<p id="[^"]+" class="field-error" role="alert">from must be before to<\/p>/);
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(2);
  });
});

describe("navigation menu (first paint)", () => {
  it("starts folded, with a Menu button that controls it", () => {
    const html = renderToStaticMarkup(createElement(NavMenu, null, createElement("a", { href: "/pools" }, "Pools")));
    expect(html).toContain(
      '<button type="button" class="nav-toggle" aria-expanded="false" aria-controls="nav-menu">Menu</button>',
    );
    expect(html).toContain('<div id="nav-menu" class="nav-menu" data-open="false"><a href="/pools">Pools</a></div>');
  });
});
