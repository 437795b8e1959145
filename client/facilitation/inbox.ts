import type { Translator } from '../i18n/i18n';
import type { InboxItem } from '../stay/stay';
import { el } from '../ui/dom';

export interface InboxEntry {
  title: string;
  text?: string;
}

/** What one item says, with names looked up now (someone who left reads as "someone"). */
export function inboxEntry(
  item: InboxItem,
  nameOf: (memberId: string) => string | undefined,
  i18n: Translator,
): InboxEntry {
  const name = (id: string): string => nameOf(id) ?? i18n.t('inbox.someone');
  switch (item.kind) {
    case 'report': {
      const { report } = item;
      const reasons = i18n.list(report.reasons.map((r) => i18n.t(`report.reason.${r}`)));
      const title =
        report.about === undefined
          ? i18n.t('inbox.report', { from: name(report.from), reasons })
          : i18n.t('inbox.reportAbout', {
              from: name(report.from),
              about: name(report.about),
              reasons,
            });
      return report.text ? { title, text: report.text } : { title };
    }
    case 'help':
      return { title: i18n.t('inbox.help', { name: name(item.memberId) }) };
    case 'message':
      return {
        title: i18n.t('inbox.message', { name: name(item.message.from) }),
        text: item.message.text,
      };
  }
}

/** Reports, help alerts and private messages received in this circle, newest first. */
export function renderInbox(
  section: HTMLElement,
  list: HTMLElement,
  items: readonly InboxItem[],
  nameOf: (memberId: string) => string | undefined,
  options: { alwaysShow: boolean; i18n: Translator },
): void {
  section.hidden = !options.alwaysShow && items.length === 0;
  list.replaceChildren(
    ...items.map((item) => {
      const entry = inboxEntry(item, nameOf, options.i18n);
      const li = el('li', { className: `inbox-item inbox-${item.kind}` });
      li.append(el('strong', { textContent: entry.title }));
      if (entry.text !== undefined) {
        const text = el('p', { textContent: entry.text });
        text.dir = 'auto';
        li.append(text);
      }
      return li;
    }),
  );
}
