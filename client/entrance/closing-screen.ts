import type { EntranceItem } from '../../shared/gathering/gathering';
import type { HelpResources } from '../../shared/help/help-resources';
import type { MessageKind } from '../facilitation/message-screen';
import { loadHelpResources, resourcesFor } from '../facilitation/help-resources';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import { byId } from '../ui/dom';
import { entranceItem } from './entrance-item';
import { resourceItem } from './resource-item';

/** How many coming gatherings the closing screen lists. */
const NEXT_SHOWN = 3;

/** Kinds of closing that end a stay in a gathering, so the way on is shown. */
const ENDINGS: ReadonlySet<MessageKind> = new Set([
  'ended_by_facilitator',
  'facilitator_timeout',
  'left',
]);

/**
 * One of the operator's small steps for today: the same all day, another tomorrow, so the
 * suggestion is steady rather than a slot machine.
 */
export function smallStepFor(steps: readonly string[], day: Date): string | undefined {
  if (steps.length === 0) return undefined;
  const dayNumber = Math.floor(
    Date.UTC(day.getFullYear(), day.getMonth(), day.getDate()) / 86_400_000,
  );
  return steps[dayNumber % steps.length];
}

/**
 * The rest of the closing screen after a gathering, under the facilitator's closing word: a
 * small step outside from the operator's list, the next listed gatherings, and the places to
 * turn to. Each part stays hidden until it has something to say.
 */
export class ClosingScreen {
  private kind: MessageKind | undefined;
  private resources: HelpResources | undefined;
  private coming: EntranceItem[] = [];
  private readonly stopFollowingLanguage: () => void;

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly today: () => Date = () => new Date(),
  ) {
    this.stopFollowingLanguage = i18n.onChange(() => {
      this.render();
    });
  }

  /** Called as the closing screen shows; fills in what it can as it arrives. */
  async showAsync(kind: MessageKind): Promise<void> {
    this.kind = kind;
    this.coming = [];
    this.render();
    if (!ENDINGS.has(kind)) return;
    const [resources, list] = await Promise.all([
      loadHelpResources(),
      this.client.request('entrance:list', {}),
    ]);
    if (this.kind !== kind) return;
    this.resources = resources;
    this.coming = list.ok ? list.data.slice(0, NEXT_SHOWN) : [];
    this.render();
  }

  dispose(): void {
    this.stopFollowingLanguage();
  }

  private render(): void {
    const shown = this.kind !== undefined && ENDINGS.has(this.kind);
    const locale = this.i18n.locale;
    const step = byId('closing-step');
    step.hidden = !shown;
    const text =
      smallStepFor(this.resources?.smallSteps?.[locale] ?? [], this.today()) ??
      this.i18n.t('closing.stepDefault');
    byId('closing-step-text').textContent = text;
    byId('closing-next').hidden = !shown || this.coming.length === 0;
    byId('closing-next-list').replaceChildren(
      ...this.coming.map((item) => entranceItem(this.i18n, item)),
    );
    const help = this.resources ? resourcesFor(this.resources, locale) : [];
    byId('closing-help').hidden = !shown || help.length === 0;
    byId('closing-help-list').replaceChildren(
      ...help.map((entry) => resourceItem(this.i18n, entry)),
    );
  }
}
