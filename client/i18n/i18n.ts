import type { ErrorCode } from '../../shared/protocol/errors';
import { en, type MessageKey } from './en';
import { ja } from './ja';

export const Locales = ['en', 'ja'] as const;
export type Locale = (typeof Locales)[number];

const tables: Record<Locale, Record<MessageKey, string>> = { en, ja };
const STORAGE_KEY = 'engawa.lang';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (Locales as readonly string[]).includes(value);
}

/** `?lang=` wins, then the person's earlier choice, then the browser's languages. */
export function detectLocale(
  search: string,
  saved: string | null,
  languages: readonly string[],
): Locale {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (isLocale(fromUrl)) return fromUrl;
  if (isLocale(saved)) return saved;
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export type Params = Record<string, string | number>;

function interpolate(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** The text table in use. One per page; views ask it for every string they show. */
export class Translator {
  private listeners = new Set<() => void>();
  /** Made once per language: making one costs milliseconds, and every people list uses it. */
  private readonly listFormats = new Map<Locale, Intl.ListFormat>();

  constructor(private current: Locale) {}

  get locale(): Locale {
    return this.current;
  }

  t(key: MessageKey, params: Params = {}): string {
    return interpolate(tables[this.current][key], params);
  }

  /** A string in a given language, whatever the page's: a gathering's rules are in its own. */
  tIn(locale: Locale, key: MessageKey): string {
    return tables[locale][key];
  }

  /** Items joined as the language joins a list ("a, b" in English, 「a、b」 in Japanese). */
  list(items: readonly string[]): string {
    let format = this.listFormats.get(this.current);
    if (!format) {
      format = new Intl.ListFormat(this.current, { type: 'conjunction', style: 'narrow' });
      this.listFormats.set(this.current, format);
    }
    return format.format(items);
  }

  error(code: ErrorCode): string {
    return this.t(`error.${code}`);
  }

  setLocale(locale: Locale): void {
    if (locale === this.current) return;
    this.current = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Storage can be unavailable (private mode); the choice then lasts for this page only.
    }
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` after every language switch; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fills every `data-i18n` element, and `data-i18n-aria-label` attributes, under `root`. */
  apply(root: ParentNode): void {
    for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
      el.textContent = this.t(el.dataset.i18n as MessageKey);
    }
    for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria-label]')) {
      el.setAttribute('aria-label', this.t(el.dataset.i18nAriaLabel as MessageKey));
    }
  }

  static fromEnvironment(): Translator {
    let saved: string | null;
    try {
      saved = localStorage.getItem(STORAGE_KEY);
    } catch {
      saved = null;
    }
    return new Translator(detectLocale(location.search, saved, navigator.languages));
  }
}
