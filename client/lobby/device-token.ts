const STORAGE_KEY = 'engawa.device';
const VALID = /^[A-Za-z0-9_-]{16,64}$/;

/** Used when storage is blocked: the page keeps one token for as long as it is open. */
let pageToken: string | undefined;

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * A random token this browser sends with every knock, so a facilitator who removes someone can
 * keep that browser out of the circle. It says nothing about the person and is never shown;
 * the server keeps only a hash of it, and only for the circle's life.
 */
export function deviceToken(storage: Storage | undefined): string {
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    if (saved && VALID.test(saved)) return saved;
    const token = newToken();
    storage?.setItem(STORAGE_KEY, token);
    if (storage) return token;
  } catch {
    // Storage blocked (private mode, site settings): fall back to one token for this page.
  }
  pageToken ??= newToken();
  return pageToken;
}
