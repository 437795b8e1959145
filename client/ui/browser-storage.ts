/**
 * The browser's storage, or nothing where it is blocked (reading `window.localStorage` itself
 * throws there); whatever would have been kept then lasts for the page.
 */
export function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** This tab's own storage: what a reload keeps and another tab does not see. */
export function tabStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
