import {
  HELP_RESOURCES_PATH,
  type HelpContact,
  type HelpResource,
  type HelpResources,
} from '../../shared/help/help-resources';
import type { Locale, Translator } from '../i18n/i18n';

/** The entries for the page's language. */
export function resourcesFor(resources: HelpResources, locale: Locale): HelpResource[] {
  return resources[locale];
}

/**
 * The operator's notice in the page's language. A notice written in one language only is shown
 * to everyone: it is usually a warning, and a warning should not vanish for want of a translation.
 */
export function noticeFor(resources: HelpResources, locale: Locale): string | undefined {
  const notice = resources._notice;
  if (typeof notice === 'string') return notice || undefined;
  if (!notice) return undefined;
  return notice[locale] || notice.en || notice.ja || undefined;
}

/** An entry counts as checked unless the operator marked it `"verified": false`. */
export function isVerified(entry: HelpResource): boolean {
  return entry.verified !== false;
}

/** A link for the contact, or undefined when it is only text to read. */
export function contactHref(contact: HelpContact): string | undefined {
  switch (contact.kind) {
    case 'phone':
      // Dialers want digits and an optional leading plus; spaces and brackets are for reading.
      return `tel:${contact.value.replace(/[^0-9+]/g, '')}`;
    case 'url':
      return contact.value;
    case 'text':
      return undefined;
  }
}

/** Reads the list loosely: the server checked it at start, so only the shape is confirmed. */
export function isHelpResources(value: unknown): value is HelpResources {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return Array.isArray(record.en) && Array.isArray(record.ja);
}

let loading: Promise<HelpResources | undefined> | undefined;

/** Fetches the list once per page; a failed fetch is tried again next time. */
export async function loadHelpResources(): Promise<HelpResources | undefined> {
  loading ??= fetch(HELP_RESOURCES_PATH, { headers: { accept: 'application/json' } })
    .then(async (response) => {
      const body: unknown = response.ok ? await response.json() : undefined;
      return isHelpResources(body) ? body : undefined;
    })
    .catch(() => undefined);
  const resources = await loading;
  if (!resources) loading = undefined;
  return resources;
}

/** How a plain line sets a remark after a name, and joins the name to its contact. */
const punctuation: Record<Locale, { open: string; close: string; colon: string }> = {
  en: { open: ' (', close: ')', colon: ': ' },
  ja: { open: '（', close: '）', colon: '：' },
};

/** The list as plain lines, for a panel that cannot hold links (the headset menu). */
export function helpResourcesText(
  resources: HelpResources,
  i18n: Pick<Translator, 'locale' | 't'>,
): string {
  const { open, close, colon } = punctuation[i18n.locale];
  const entries = resourcesFor(resources, i18n.locale).map((entry) => {
    const remark = isVerified(entry) ? '' : `${open}${i18n.t('helpNow.unverified')}${close}`;
    const lines = [`${entry.name}${remark}${colon}${entry.contact.value}`];
    if (entry.description) lines.push(entry.description);
    return lines.join('\n');
  });
  return [noticeFor(resources, i18n.locale), ...entries].filter(Boolean).join('\n\n');
}
