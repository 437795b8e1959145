import type { HelpContact, HelpResource, HelpResources } from '../../shared/help/help-resources';
import type { Locale } from '../i18n/i18n';

/** The entries for the page's language. */
export function resourcesFor(resources: HelpResources, locale: Locale): HelpResource[] {
  return resources[locale];
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
