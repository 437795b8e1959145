import type { GatheringKind, GatheringLanguage } from '../../shared/gathering/gathering';
import { ErrorCode } from '../../shared/protocol/errors';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import { byId, listen, showScreen } from '../ui/dom';
import { clearFormError, showFormError } from './lobby-forms';

/** Which field a refusal is about, so the error sits by it. */
function fieldFor(code: ErrorCode): string {
  switch (code) {
    case ErrorCode.TitleInvalid:
      return 'title';
    case ErrorCode.TopicInvalid:
      return 'topic';
    case ErrorCode.RulesInvalid:
      return 'rules';
    case ErrorCode.TimeInvalid:
    case ErrorCode.StartInPast:
      return 'date';
    case ErrorCode.DurationInvalid:
      return 'durationMin';
    case ErrorCode.RepeatInvalid:
      return 'weeks';
    default:
      return '';
  }
}

function whole(value: FormDataEntryValue | null): number {
  return Number(typeof value === 'string' ? value : NaN);
}

/**
 * "Schedule a gathering": a facilitator with a key sets one up ahead of time, on the
 * operator's clock. The rules and topic start as the chosen kind's defaults in the page's
 * language, until the facilitator edits them.
 */
export class ScheduleForm {
  private readonly form = byId<HTMLFormElement>('schedule-form');
  private readonly rules = byId<HTMLTextAreaElement>('schedule-rules');
  private readonly topic = byId<HTMLInputElement>('schedule-topic');
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly i18n: Translator,
    private readonly client: SignalingClient,
    private readonly hooks: {
      key(): string | undefined;
      /** Back to "I'm a facilitator", saying what happened. */
      done(message?: string): void;
    },
  ) {
    this.disposers.push(
      listen(this.form, 'submit', (event) => {
        event.preventDefault();
        void this.submit();
      }),
      listen(this.form, 'change', (event) => {
        if ((event.target as HTMLInputElement).name === 'kind') this.fillDefaults();
      }),
      listen(this.rules, 'input', () => {
        this.rules.dataset.edited = 'true';
      }),
      listen(this.topic, 'input', () => {
        this.topic.dataset.edited = 'true';
      }),
      listen(byId('schedule-back'), 'click', () => {
        hooks.done();
      }),
      i18n.onChange(() => {
        this.fillDefaults();
      }),
    );
  }

  show(timeZone: string): void {
    clearFormError(this.form);
    byId('schedule-zone').textContent = this.i18n.t('schedule.zone', { zone: timeZone });
    const language = byId<HTMLSelectElement>('schedule-language');
    if (!language.dataset.chosen) language.value = this.i18n.locale;
    language.dataset.chosen = 'true';
    this.fillDefaults();
    showScreen('schedule');
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  private kind(): GatheringKind {
    return new FormData(this.form).get('kind') === 'family' ? 'family' : 'support';
  }

  private fillDefaults(): void {
    const family = this.kind() === 'family';
    if (this.rules.dataset.edited !== 'true') {
      this.rules.value = this.i18n.t(
        family ? 'schedule.familyRulesDefault' : 'create.rulesDefault',
      );
    }
    if (this.topic.dataset.edited !== 'true') {
      this.topic.value = family ? this.i18n.t('schedule.familyTopic') : '';
    }
  }

  private async submit(): Promise<void> {
    clearFormError(this.form);
    const key = this.hooks.key();
    if (key === undefined) {
      showFormError(this.form, '', this.i18n.error(ErrorCode.FacilitatorKeyRequired));
      return;
    }
    const data = new FormData(this.form);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const topic = text('topic');
    const request = {
      facilitatorKey: key,
      kind: this.kind(),
      title: text('title'),
      ...(topic.trim() === '' ? {} : { topic }),
      language: text('language') as GatheringLanguage,
      date: text('date'),
      time: text('time'),
      durationMin: whole(data.get('durationMin')),
      weeks: whole(data.get('weeks')),
      seats: whole(data.get('seats')),
      rules: text('rules').split('\n'),
      listed: data.get('listed') === 'on',
    };
    const submit = this.form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (submit) submit.disabled = true;
    const answer = await this.client.request('gathering:schedule', request);
    if (submit) submit.disabled = false;
    if (!answer.ok) {
      showFormError(this.form, fieldFor(answer.error.code), this.i18n.error(answer.error.code));
      return;
    }
    this.form.reset();
    delete this.rules.dataset.edited;
    delete this.topic.dataset.edited;
    this.hooks.done(this.i18n.t('schedule.done', { title: answer.data.title }));
  }
}
