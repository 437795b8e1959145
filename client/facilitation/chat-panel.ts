import type { ChatMessage } from '../../shared/circle/views';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { Translator } from '../i18n/i18n';
import { byId, el } from '../ui/dom';
import { appendChat, CHAT_MAX_CHARS, chatErrorKey, visibleChat } from './chat-lines';

export type SendResult = { ok: true } | { ok: false; code: ErrorCode };

/** The circle's text chat: the lines so far, and a line to write one more. */
export class ChatPanel {
  private lines: ChatMessage[] = [];
  private blocked: ReadonlySet<string> = new Set();
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

  reset(lines: readonly ChatMessage[], blocked: ReadonlySet<string>): void {
    this.lines = lines.slice();
    this.blocked = blocked;
    this.error.hidden = true;
    this.render();
  }

  setBlocked(blocked: ReadonlySet<string>): void {
    this.blocked = blocked;
    this.render();
  }

  add(line: ChatMessage): void {
    this.lines = appendChat(this.lines, line);
    this.render();
  }

  /** The latest lines this member may see, oldest first. */
  recent(count: number): ChatMessage[] {
    return visibleChat(this.lines, this.blocked).slice(-count);
  }

  clear(): void {
    this.lines = [];
    this.render();
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

  private render(): void {
    const items = visibleChat(this.lines, this.blocked).map((line) => {
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

  dispose(): void {
    this.form.removeEventListener('submit', this.onSubmit);
    this.clear();
  }
}
