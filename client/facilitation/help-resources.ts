import {
  HELP_RESOURCES_PATH,
  type HelpContact,
  type HelpResource,
  type HelpResources,
} from '../../shared/help/help-resources';
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

/** The list as plain lines, for a panel that cannot hold links (the headset menu). */
export function helpResourcesText(resources: HelpResources, locale: Locale): string {
  const entries = resourcesFor(resources, locale).map((entry) => {
    const lines = [`${entry.name}: ${entry.contact.value}`];
    if (entry.description) lines.push(entry.description);
    return lines.join('\n');
  });
  return [resources._notice, ...entries].filter(Boolean).join('\n\n');
}
