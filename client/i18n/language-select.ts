import { byId } from '../ui/dom';
import type { Locale, Translator } from './i18n';

/**
 * The language switch at the top of the page: it changes the page's language at once, and the
 * document's `lang` follows (screen readers and font choice depend on it). `rerender` redraws
 * what is built from data rather than marked up. Returns what detaches it.
 */
export function attachLanguageSelect(i18n: Translator, rerender: () => void): () => void {
  const select = byId<HTMLSelectElement>('lang-select');
  select.value = i18n.locale;
  document.documentElement.lang = i18n.locale;
  const onChange = () => {
    i18n.setLocale(select.value as Locale);
  };
  select.addEventListener('change', onChange);
  const stopListening = i18n.onChange(() => {
    document.documentElement.lang = i18n.locale;
    select.value = i18n.locale;
    i18n.apply(document);
    rerender();
  });
  return () => {
    select.removeEventListener('change', onChange);
    stopListening();
  };
}
