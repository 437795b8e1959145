import {
  GatheringKinds,
  Schedule,
  seatsRangeFor,
  type GatheringKind,
  type GatheringLanguage,
  type OwnGathering,
} from '../../shared/gathering/gathering';
import { Limits } from '../../shared/protocol/limits';
import { Tables } from '../../shared/tables/tables';
import { ErrorCode } from '../../shared/protocol/errors';
import type { MessageKey } from '../i18n/en';
import type { Locale, Translator } from '../i18n/i18n';
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
    case ErrorCode.SeatsInvalid:
      return 'seats';
    default:
      return '';
  }
}

/** Each kind's starting rules and topic; a kind without a topic of its own leaves it empty. */
const kindDefaults: Record<GatheringKind, { rules: MessageKey; topic: MessageKey | null }> = {
  support: { rules: 'create.rulesDefault', topic: null },
  family: { rules: 'schedule.familyRulesDefault', topic: 'schedule.familyTopic' },
  oneToOne: { rules: 'create.rulesDefault', topic: null },
  social: { rules: 'schedule.socialRulesDefault', topic: 'schedule.socialTopic' },
};

/** Seats a new gathering of each kind starts with: a social event sets out three tables. */
const seatsDefault: Record<GatheringKind, number> = {
  support: Limits.capacityDefault,
  family: Limits.capacityDefault,
  oneToOne: Schedule.oneToOneSeatsMin,
  social: 3 * Tables.cushions,
};

function isGatheringKind(value: unknown): value is GatheringKind {
  return typeof value === 'string' && (GatheringKinds as readonly string[]).includes(value);
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
  private readonly seats = byId<HTMLInputElement>('schedule-seats');
  private readonly seatsHint = byId('schedule-seats-hint');
  private readonly disposers: (() => void)[] = [];
  private zone = '';
  /** The gathering being changed, or undefined while a new one is being set up. */
  private editing: string | undefined;

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
        const field = (event.target as HTMLInputElement).name;
        if (field === 'kind') this.fitKind();
        if (field === 'kind' || field === 'language') this.fillDefaults();
      }),
      listen(this.rules, 'input', () => {
        this.rules.dataset.edited = 'true';
      }),
      listen(this.topic, 'input', () => {
        this.topic.dataset.edited = 'true';
      }),
      listen(this.seats, 'input', () => {
        this.seats.dataset.edited = 'true';
      }),
      listen(byId('schedule-back'), 'click', () => {
        hooks.done();
      }),
      i18n.onChange(() => {
        byId('schedule-zone').textContent = i18n.t('schedule.zone', { zone: this.zone });
        this.describeSeats();
      }),
    );
  }

  show(timeZone: string): void {
    this.editing = undefined;
    this.label('schedule.heading', 'schedule.submit');
    clearFormError(this.form);
    this.zone = timeZone;
    byId('schedule-zone').textContent = this.i18n.t('schedule.zone', { zone: timeZone });
    const language = byId<HTMLSelectElement>('schedule-language');
    if (!language.dataset.chosen) language.value = this.i18n.locale;
    language.dataset.chosen = 'true';
    this.fitKind();
    this.fillDefaults();
    showScreen('schedule');
  }

  /** The same form, filled with a gathering as it is, to change it. */
  edit(gathering: OwnGathering, timeZone: string): void {
    this.show(timeZone);
    this.editing = gathering.id;
    this.label('schedule.editHeading', 'schedule.save');
    const field = (name: string) => this.form.elements.namedItem(name) as HTMLInputElement;
    for (const radio of this.form.querySelectorAll<HTMLInputElement>('input[name="kind"]')) {
      radio.checked = radio.value === gathering.kind;
    }
    this.fitKind();
    field('title').value = gathering.title;
    this.topic.value = gathering.topic ?? '';
    byId<HTMLSelectElement>('schedule-language').value = gathering.language;
    field('date').value = gathering.date;
    field('time').value = gathering.time;
    field('durationMin').value = String(gathering.durationMin);
    field('weeks').value = String(gathering.weeks);
    this.seats.value = String(gathering.seats);
    this.rules.value = gathering.rules.join('\n');
    field('listed').checked = gathering.listed;
    field('dropIn').checked = !gathering.waitingRoom;
    // What it holds is the facilitator's own: no default replaces it.
    this.rules.dataset.edited = 'true';
    this.topic.dataset.edited = 'true';
    this.seats.dataset.edited = 'true';
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  private kind(): GatheringKind {
    const kind = new FormData(this.form).get('kind');
    return isGatheringKind(kind) ? kind : 'support';
  }

  /**
   * Each kind has its own range of seats (a one-to-one session 2–3, a social event 8–48), and
   * a one-to-one session is never listed; the form says so by itself. Seats the facilitator
   * typed are kept when they fit the kind.
   */
  private fitKind(): void {
    const kind = this.kind();
    const { min, max } = seatsRangeFor(kind);
    const listed = byId<HTMLInputElement>('schedule-listed');
    this.seats.min = String(min);
    this.seats.max = String(max);
    const seats = Number(this.seats.value);
    const fits = Number.isInteger(seats) && seats >= min && seats <= max;
    if (this.seats.dataset.edited !== 'true' || !fits) {
      this.seats.value = String(seatsDefault[kind]);
    }
    this.describeSeats();
    const oneToOne = kind === 'oneToOne';
    listed.disabled = oneToOne;
    if (oneToOne) listed.checked = false;
    // Only a drop-in social event may leave its door open.
    const social = kind === 'social';
    byId('schedule-drop-in-field').hidden = !social;
    if (!social) byId<HTMLInputElement>('schedule-drop-in').checked = false;
  }

  /** A social event's seats are people at tables, and the hint says so. */
  private describeSeats(): void {
    const social = this.kind() === 'social';
    this.seatsHint.hidden = !social;
    this.seatsHint.textContent = social
      ? this.i18n.t('schedule.socialSeats', {
          ...seatsRangeFor('social'),
          cushions: Tables.cushions,
        })
      : '';
    if (social) this.seats.setAttribute('aria-describedby', this.seatsHint.id);
    else this.seats.removeAttribute('aria-describedby');
  }

  /**
   * The kind's rules and topic in the gathering's language (both, for a bilingual one), until
   * the facilitator edits them.
   */
  private fillDefaults(): void {
    const defaults = kindDefaults[this.kind()];
    const chosen = byId<HTMLSelectElement>('schedule-language').value;
    const locales: Locale[] = chosen === 'en' ? ['en'] : chosen === 'ja' ? ['ja'] : ['ja', 'en'];
    const inEach = (key: MessageKey) => locales.map((locale) => this.i18n.tIn(locale, key));
    if (this.rules.dataset.edited !== 'true') {
      this.rules.value = inEach(defaults.rules).join('\n');
    }
    if (this.topic.dataset.edited !== 'true') {
      this.topic.value = defaults.topic === null ? '' : inEach(defaults.topic).join(' / ');
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
      waitingRoom: data.get('dropIn') !== 'on',
    };
    const submit = this.form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (submit) submit.disabled = true;
    const editing = this.editing;
    const answer =
      editing === undefined
        ? await this.client.request('gathering:schedule', request)
        : await this.client.request('gathering:edit', { ...request, id: editing });
    if (submit) submit.disabled = false;
    if (!answer.ok) {
      showFormError(this.form, fieldFor(answer.error.code), this.i18n.error(answer.error.code));
      return;
    }
    this.form.reset();
    delete this.rules.dataset.edited;
    delete this.topic.dataset.edited;
    delete this.seats.dataset.edited;
    const news = editing === undefined ? 'schedule.done' : 'schedule.saved';
    this.editing = undefined;
    this.hooks.done(this.i18n.t(news, { title: answer.data.title }));
  }

  /** Names the form for what it does now; a change of language keeps the names. */
  private label(heading: MessageKey, submit: MessageKey): void {
    const title = byId('schedule-heading');
    title.dataset.i18n = heading;
    title.textContent = this.i18n.t(heading);
    const button = this.form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) {
      button.dataset.i18n = submit;
      button.textContent = this.i18n.t(submit);
    }
  }
}
