/** A provider call the outside world refused (insufficient capacity, API error); kept on the action. */
export class ProviderError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "ProviderError";
  }
}
