// When telemetry counts as stale: pages then show a banner and end their ranges at the wall clock
// instead of the newest stored minute. Shared by the server (get-data-end.ts) and the banner.
export const STALE_AFTER_SECONDS = 300;
