import type { ChatMessage } from '../../shared/circle/views';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { Translator } from '../i18n/i18n';
import { byId, el } from '../ui/dom';
import { CHAT_MAX_CHARS, chatErrorKey } from './chat-lines';

export type SendResult = { ok: true } | { ok: false; code: ErrorCode };

/** The circle's text chat: the lines so far, and a line to write one more. */
export class ChatPanel {
  private readonly list = byId('chat-lines');
  private readonly form = byId<HTMLFormElement>('chat-form');
  private readonly input = byId<HTMLInputElement>('chat-input');
  private readonly error = byId('chat-error');
  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.submit();
  };

  constructor(
    private readonly i18n: Translator,
    private readonly send: (text: string) => Promise<SendResult>,
  ) {
    this.input.maxLength = CHAT_MAX_CHARS;
    this.form.addEventListener('submit', this.onSubmit);
  }

  /** Shows these lines (oldest first), scrolled to the newest. */
  show(lines: readonly ChatMessage[]): void {
    const items = lines.map((line) => {
      const name = el('strong', { className: 'chat-name', textContent: line.name });
      name.dir = 'auto';
      const text = el('span', { className: 'chat-text', textContent: line.text });
      text.dir = 'auto';
      const item = el('li', { className: 'chat-line' });
      item.append(name, ' ', text);
      return item;
    });
    this.list.replaceChildren(...items);
    this.list.scrollTop = this.list.scrollHeight;
  }

  /** A new stay: no refusal from an earlier one is still shown. */
  resetError(): void {
    this.error.hidden = true;
  }

  private async submit(): Promise<void> {
    const text = this.input.value.trim();
    if (!text) return;
    const result = await this.send(text);
    this.error.hidden = result.ok;
    if (result.ok) {
      this.input.value = '';
      return;
    }
    this.error.textContent = this.i18n.t(chatErrorKey(result.code));
  }

  dispose(): void {
    this.form.removeEventListener('submit', this.onSubmit);
    this.list.replaceChildren();
  }
}
