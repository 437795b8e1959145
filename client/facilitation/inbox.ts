import type { PrivateMessage, ReportReceived } from '../../shared/circle/views';
import type { Translator } from '../i18n/i18n';
import { el } from '../ui/dom';

export type InboxItem =
  | { kind: 'report'; report: ReportReceived }
  | { kind: 'help'; memberId: string; at: number }
  | { kind: 'message'; message: PrivateMessage };

/** Enough to act on during a circle; nothing here is ever stored. */
export const INBOX_KEEP = 50;

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
      const reasons = report.reasons.map((r) => i18n.t(`report.reason.${r}`)).join(', ');
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
export class Inbox {
  private items: InboxItem[] = [];

  constructor(
    private readonly section: HTMLElement,
    private readonly list: HTMLElement,
    private readonly i18n: Translator,
  ) {}

  get size(): number {
    return this.items.length;
  }

  add(item: InboxItem): void {
    this.items = [item, ...this.items].slice(0, INBOX_KEEP);
  }

  clear(): void {
    this.items = [];
    this.list.replaceChildren();
  }

  render(nameOf: (memberId: string) => string | undefined, alwaysShow: boolean): void {
    this.section.hidden = !alwaysShow && this.items.length === 0;
    this.list.replaceChildren(
      ...this.items.map((item) => {
        const entry = inboxEntry(item, nameOf, this.i18n);
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
}
