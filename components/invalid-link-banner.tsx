// A link with bad search params (range, month, filters) renders this instead of failing the page.
export function InvalidLinkBanner({ what, message }: { what: string; message: string }) {
  return (
    <div className="banner bad" role="alert">
      This link has an invalid {what}: {message}. Pick one above.
    </div>
  );
}
