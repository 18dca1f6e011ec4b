"use client";
import { usePathname } from "next/navigation";
import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";

/**
 * The navigation's links and user menu. On a wide screen they are always shown; on a phone they
 * fold behind a "Menu" button in the top bar (so the page gets the whole width), open with the
 * keyboard, close on Escape (focus back on the button) and after following a link.
 */
export function NavMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [openedOn, setOpenedOn] = useState(pathname);
  if (pathname !== openedOn) {
    setOpenedOn(pathname);
    setOpen(false);
  }
  const toggle = useRef<HTMLButtonElement>(null);
  const closeOnEscape = (e: KeyboardEvent) => {
    if (e.key !== "Escape" || !open) return;
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <>
      <button
        ref={toggle}
        type="button"
        className="nav-toggle"
        aria-expanded={open}
        aria-controls="nav-menu"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={closeOnEscape}
      >
        Menu
      </button>
      <div id="nav-menu" className="nav-menu" data-open={open} onKeyDown={closeOnEscape}>
        {children}
      </div>
    </>
  );
}
