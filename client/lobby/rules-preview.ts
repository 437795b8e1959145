import { normalizeCircleCode } from '../../shared/circle/circle-code';
import type { CirclePreview } from '../../shared/circle/views';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import { byId, el } from '../ui/dom';

/**
 * The Join form's look at a circle before knocking: its title, topic and ground rules, with the
 * "I accept the ground rules" box. It asks the server only once a whole code has been typed
 * (each wrong code counts against this address's limit, as a knock does).
 */
export class RulesPreview {
  private readonly section = byId('join-preview');
  private readonly accept = byId<HTMLInputElement>('join-accept');
  private shownFor: string | null = null;
  private shownTitle = '';
  private pending: string | null = null;

  constructor(
    private readonly client: SignalingClient,
    private readonly i18n: Translator,
    private readonly onError: (code: ErrorCode) => void,
  ) {}

  /** Looks the circle up for what is typed in the code field now. */
  async showFor(typed: string): Promise<void> {
    const code = normalizeCircleCode(typed);
    if (code === this.shownFor || code === this.pending) return;
    this.clear();
    if (code === null) return;
    this.pending = code;
    byId('join-preview-status').textContent = this.i18n.t('join.previewLoading');
    const result = await this.client.request('circle:preview', { code });
    // Another code was typed while this one was being looked up.
    if (this.pending !== code) return;
    this.pending = null;
    byId('join-preview-status').textContent = '';
    if (!result.ok) {
      this.onError(result.error.code);
      return;
    }
    this.render(code, result.data);
  }

  /** The title of the circle whose rules are on show ('' before any). */
  get title(): string {
    return this.shownTitle;
  }

  /** True once the rules of the circle with this code are shown and accepted. */
  acceptedFor(typed: string): boolean {
    const code = normalizeCircleCode(typed);
    return code !== null && code === this.shownFor && this.accept.checked;
  }

  clear(): void {
    this.shownFor = null;
    this.shownTitle = '';
    this.pending = null;
    this.accept.checked = false;
    this.section.hidden = true;
    byId('join-preview-status').textContent = '';
  }

  private render(code: string, preview: CirclePreview): void {
    byId('join-preview-title').textContent = preview.title;
    const topic = byId('join-preview-topic');
    topic.textContent = preview.topic ?? '';
    topic.hidden = preview.topic === null;
    byId('join-rules').replaceChildren(
      ...preview.rules.map((rule) => el('li', { textContent: rule })),
    );
    byId('join-locked').hidden = !preview.locked;
    this.accept.checked = false;
    this.section.hidden = false;
    this.shownFor = code;
    this.shownTitle = preview.title;
  }
}
