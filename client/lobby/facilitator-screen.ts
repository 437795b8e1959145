import type { ErrorCode } from '../../shared/protocol/errors';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import { StoredStrings } from '../stay/stored-json';
import { byId, listen, showScreen } from '../ui/dom';
import { clearFormError, showFormError } from './lobby-forms';
import { MyGatherings, type MyGatheringsHooks } from './my-gatherings';

/** The key this browser keeps for its facilitator, and the label the operator gave it. */
export type HeldKey = Record<'key' | 'label', string>;

/**
 * Kept in localStorage so the key is entered once per browser. It leaves the browser only to
 * be checked, and with each circle it starts.
 */
export function facilitatorKeyMemory(storage: Storage | undefined): StoredStrings<'key' | 'label'> {
  return new StoredStrings(storage, 'engawa.facilitatorKey', ['key', 'label']);
}

/** Why the screen is shown: a plain visit, a circle started without a key, or a refusal. */
export type FacilitatorNote = 'none' | 'needKey' | ErrorCode;

export interface FacilitatorHooks {
  startCircle: () => void;
  schedule: () => void;
  openRoom: MyGatheringsHooks['openRoom'];
  edit: MyGatheringsHooks['edit'];
}

/**
 * "I'm a facilitator": enter the key once, see which key this browser holds, forget it. The
 * server checks a key before it is kept, so a mistyped one is caught here, not at the start of
 * a circle.
 */
export class FacilitatorScreen {
  private readonly form = byId<HTMLFormElement>('facilitator-form');
  private readonly keyField = byId<HTMLInputElement>('facilitator-key');
  private readonly status = byId('facilitator-status');
  private readonly forgetButton = byId('facilitator-forget');
  private readonly startButton = byId('facilitator-start');
  private readonly disposers: (() => void)[] = [];
  private readonly mine: MyGatherings;
  /** The last thing said in the status line, so a change of language says it again. */
  private said: 'none' | 'saved' | 'forgotten' | 'needKey' | 'openMode' = 'none';
  /** Something the facilitator just did (scheduled, copied, cancelled), said once. */
  private news = '';
  private open = false;

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly memory: StoredStrings<'key' | 'label'>,
    hooks: FacilitatorHooks,
  ) {
    this.mine = new MyGatherings(i18n, client, {
      openRoom: hooks.openRoom,
      edit: hooks.edit,
      say: (message) => {
        this.news = message;
        this.render();
      },
    });
    this.disposers.push(
      listen(this.form, 'submit', (event) => {
        event.preventDefault();
        void this.keep();
      }),
      listen(this.forgetButton, 'click', () => {
        this.memory.clear();
        this.say('forgotten');
        void this.mine.showForAsync(undefined);
        this.keyField.focus();
      }),
      listen(this.startButton, 'click', hooks.startCircle),
      listen(byId('go-schedule'), 'click', hooks.schedule),
      i18n.onChange(() => {
        this.render();
        this.mine.render();
      }),
    );
  }

  held(): HeldKey | undefined {
    return this.memory.load();
  }

  /** Shows the screen; a refused key is forgotten, so the next attempt starts clean. */
  show(note: FacilitatorNote = 'none', news = ''): void {
    this.news = news;
    clearFormError(this.form);
    if (note === 'facilitator_key_invalid') this.memory.clear();
    showScreen('facilitator');
    this.said = note === 'needKey' ? 'needKey' : 'none';
    this.render();
    if (note !== 'none' && note !== 'needKey') {
      showFormError(this.form, 'key', this.i18n.error(note));
    }
    void this.client.request('server:features', {}).then((features) => {
      this.open = features.ok && features.data.facilitatorAccess === 'open';
      if (this.open && this.said === 'none') this.said = 'openMode';
      this.render();
    });
    void this.mine.showForAsync(this.held()?.key);
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  private async keep(): Promise<void> {
    clearFormError(this.form);
    const key = this.keyField.value.trim();
    if (key === '') {
      showFormError(this.form, 'key', this.i18n.error('facilitator_key_required'));
      return;
    }
    const submit = this.form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (submit) submit.disabled = true;
    const result = await this.client.request('facilitator:check', { key });
    if (submit) submit.disabled = false;
    if (!result.ok) {
      showFormError(this.form, 'key', this.i18n.error(result.error.code));
      return;
    }
    this.memory.save({ key, label: result.data.label });
    this.keyField.value = '';
    this.say('saved');
    void this.mine.showForAsync(key);
    this.startButton.focus();
  }

  private say(what: FacilitatorScreen['said']): void {
    this.said = what;
    this.news = '';
    this.render();
  }

  private render(): void {
    const held = this.held();
    const lines: string[] = [];
    if (this.said === 'needKey') lines.push(this.i18n.t('facilitator.needKey'));
    if (this.said === 'openMode') lines.push(this.i18n.t('facilitator.openMode'));
    if (this.said === 'forgotten') lines.push(this.i18n.t('facilitator.forgotten'));
    if (held) {
      lines.push(
        this.i18n.t(this.said === 'saved' ? 'facilitator.saved' : 'facilitator.held', {
          label: held.label,
        }),
      );
    }
    if (this.news !== '') lines.push(this.news);
    this.status.textContent = lines.join(' ');
    this.forgetButton.hidden = !held;
    // With a key kept, entering another is the lesser choice; starting a circle is the main one.
    this.form.querySelector('button[type="submit"]')?.classList.toggle('secondary', !!held);
    this.startButton.hidden = !held && !this.open;
  }
}
