import type { Translator } from '../i18n/i18n';
import type { StayStore } from '../stay/stay-store';
import type { InCircle } from '../stay/stay';
import { byId, el, listen } from '../ui/dom';
import { SoftChime } from '../ui/soft-chime';
import { isHost, NoticeQueue, type Notice } from './notice-queue';

const SOUND_KEY = 'engawa.noticeSound';

/** Where a notice's button leads, and what else is dealt with by going there. */
const destinations = {
  waiting: { heading: 'waiting-room-heading', clears: ['knock'] },
  inbox: { heading: 'inbox-heading', clears: ['help', 'report'] },
} as const;

/**
 * The facilitator's notices at the top of the window, above everything that scrolls: who is
 * knocking, who asked for help, that a report came. Each arrives with a soft sound (which can
 * be turned off), is read out at once by screen readers, and leads to the waiting list or the
 * inbox in one press. The waiting room's count stays there throughout.
 */
export class HostNotices {
  private readonly queue = new NoticeQueue();
  private readonly section = byId('host-notices');
  private readonly list = byId('notice-list');
  private readonly waitingButton = byId('notice-waiting');
  private readonly announcer = byId('notice-announcer');
  private readonly sound = byId<HTMLInputElement>('notice-sound');
  private readonly chime = new SoftChime(660);
  private readonly disposers: (() => void)[];

  constructor(
    private readonly store: StayStore,
    private readonly i18n: Translator,
  ) {
    this.sound.checked = readSoundChoice();
    this.disposers = [
      store.subscribe((stay, change) => {
        const added = this.queue.apply(stay, change);
        const latest = added.at(-1);
        if (latest) this.arrived(latest);
        this.render();
      }),
      i18n.onChange(() => {
        this.render();
      }),
      listen(this.waitingButton, 'click', () => {
        this.open('waiting');
      }),
      listen(this.sound, 'change', () => {
        saveSoundChoice(this.sound.checked);
      }),
    ];
  }

  /** The newest notice in words, for the headset's menu; undefined when there is none. */
  latestText(): string | undefined {
    const stay = this.store.inCircle;
    const latest = this.queue.notices[0];
    return stay && latest ? this.describe(latest, stay) : undefined;
  }

  render(): void {
    const stay = this.store.inCircle;
    const shown = stay !== undefined && isHost(stay);
    this.section.hidden = !shown;
    if (!stay || !shown) {
      this.list.replaceChildren();
      return;
    }
    this.waitingButton.textContent = this.i18n.t('notice.waitingCount', {
      count: stay.waiting.length,
    });
    this.list.replaceChildren(...this.queue.notices.map((notice) => this.item(notice, stay)));
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.chime.dispose();
  }

  private arrived(notice: Notice): void {
    const stay = this.store.inCircle;
    // Said once, assertively: a knock or a call for help must not wait behind chat lines.
    if (stay) this.announcer.textContent = this.describe(notice, stay);
    if (this.sound.checked) this.chime.play();
  }

  private item(notice: Notice, stay: InCircle): HTMLLIElement {
    const item = el('li', { className: `notice notice-${notice.kind}` });
    const text = el('span', { className: 'notice-text', textContent: this.describe(notice, stay) });
    text.dir = 'auto';
    const target = notice.kind === 'knock' ? 'waiting' : 'inbox';
    const open = el('button', {
      type: 'button',
      textContent: this.i18n.t(target === 'waiting' ? 'notice.openWaiting' : 'notice.openInbox'),
    });
    open.addEventListener('click', () => {
      this.open(target);
    });
    const dismiss = el(
      'button',
      { type: 'button', className: 'secondary notice-dismiss', textContent: '×' },
      { 'aria-label': this.i18n.t('notice.dismiss') },
    );
    dismiss.addEventListener('click', () => {
      this.queue.dismiss(notice.id);
      this.render();
    });
    item.append(text, open, dismiss);
    return item;
  }

  private describe(notice: Notice, stay: InCircle): string {
    switch (notice.kind) {
      case 'knock':
        return this.i18n.t('status.knocking', { name: notice.name });
      case 'help': {
        const name =
          stay.circle.members.find((m) => m.id === notice.memberId)?.name ??
          this.i18n.t('inbox.someone');
        return this.i18n.t('inbox.help', { name });
      }
      case 'report':
        return this.i18n.t('inbox.newReport');
    }
  }

  /** Brings the waiting list or the inbox into view and moves focus to its heading. */
  private open(target: keyof typeof destinations): void {
    const { heading, clears } = destinations[target];
    const element = byId(heading);
    element.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
    this.queue.dismissKind(clears);
    this.render();
  }
}

function readSoundChoice(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) !== 'off';
  } catch {
    return true;
  }
}

function saveSoundChoice(on: boolean): void {
  try {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this page only.
  }
}
