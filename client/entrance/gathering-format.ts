import type { GatheringKind, GatheringLanguage } from '../../shared/gathering/gathering';
import type { Translator } from '../i18n/i18n';

/** The zone this browser shows times in: the person's own clock. */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * "Thursday, 10 December 2026, 19:00–20:30", in the reader's language and on their clock (the
 * browser's zone unless told).
 */
export function timeRange(
  i18n: Pick<Translator, 'locale' | 't'>,
  startsAt: number,
  endsAt: number,
  timeZone?: string,
): string {
  const zone = timeZone === undefined ? {} : { timeZone };
  const date = new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'full', ...zone }).format(
    startsAt,
  );
  const time = new Intl.DateTimeFormat(i18n.locale, { timeStyle: 'short', ...zone });
  return i18n.t('gathering.timeRange', {
    date,
    start: time.format(startsAt),
    end: time.format(endsAt),
  });
}

/** "19:00 on Thursday": when a door opens, said briefly. */
export function moment(i18n: Translator, at: number): string {
  return new Intl.DateTimeFormat(i18n.locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
}

/** "Family circle, in Japanese". */
export function aboutLine(
  i18n: Translator,
  kind: GatheringKind,
  language: GatheringLanguage,
): string {
  return i18n.t('gathering.about', {
    kind: i18n.t(`kind.${kind}`),
    language: i18n.t(`language.${language}`),
  });
}

export function seatsLine(i18n: Translator, free: number, seats: number): string {
  return free === 0 ? i18n.t('entrance.full') : i18n.t('entrance.seatsFree', { free, seats });
}
