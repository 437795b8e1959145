import { normalizeCircleCode } from '../../shared/circle/circle-code';
import {
  checkPseudonym,
  checkRules,
  checkTitle,
  checkTopic,
} from '../../shared/circle/display-text';
import type { PieceMode } from '../../shared/circle/facilitation';
import { Limits } from '../../shared/protocol/limits';
import type { ErrorCode } from '../../shared/protocol/errors';
import { ErrorCode as Codes } from '../../shared/protocol/errors';
import { parseColor } from './color-picker';

export interface CreateRequest {
  title: string;
  /** Left out when the field is blank. */
  topic?: string;
  rules: string[];
  shareTimeS: number;
  pieceMode: PieceMode;
  capacity: number;
  name: string;
  privateVoice: boolean;
  /** Index into `AvatarColors`; absent when none was chosen (the server then picks one). */
  color?: number;
}

export interface JoinRequest {
  code: string;
  name: string;
  color?: number;
  acceptedRules: true;
  device: string;
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; field: string };

function textField(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

/** The chosen colour as a field to spread into a request, or nothing when none is chosen. */
function colorField(data: FormData): { color?: number } {
  const color = parseColor(data.get('color'));
  return color === undefined ? {} : { color };
}

/** Minutes as typed (a comma works as a decimal point) to whole seconds, or null when out of range. */
export function shareSeconds(typed: string): number | null {
  const minutes = Number(typed.trim().replace(',', '.'));
  if (typed.trim() === '' || !Number.isFinite(minutes)) return null;
  const seconds = Math.round(minutes * 60);
  return seconds >= Limits.shareTimeMinS && seconds <= Limits.shareTimeMaxS ? seconds : null;
}

/** Checks the Start form with the same rules the server applies, so errors show before sending. */
export function readCreateForm(form: HTMLFormElement): FormResult<CreateRequest> {
  const data = new FormData(form);
  const title = checkTitle(textField(data, 'title'));
  if (!title.ok) return { ok: false, code: title.code, field: 'title' };
  const typedTopic = textField(data, 'topic');
  const topic = typedTopic.trim() === '' ? null : checkTopic(typedTopic);
  if (topic && !topic.ok) return { ok: false, code: topic.code, field: 'topic' };
  const rules = checkRules(textField(data, 'rules').split('\n'));
  if (!rules.ok) return { ok: false, code: rules.code, field: 'rules' };
  const shareTimeS = shareSeconds(textField(data, 'shareMinutes'));
  if (shareTimeS === null) return { ok: false, code: Codes.InvalidPayload, field: 'shareMinutes' };
  const pieceMode: PieceMode = data.get('pieceMode') === 'strict' ? 'strict' : 'gentle';
  const capacity = Number(data.get('capacity'));
  if (
    !Number.isInteger(capacity) ||
    capacity < Limits.capacityMin ||
    capacity > Limits.capacityMax
  ) {
    return { ok: false, code: Codes.InvalidPayload, field: 'capacity' };
  }
  const name = checkPseudonym(textField(data, 'name'));
  if (!name.ok) return { ok: false, code: name.code, field: 'name' };
  const privateVoice = data.get('privateVoice') === 'on';
  return {
    ok: true,
    value: {
      title: title.value,
      ...(topic ? { topic: topic.value } : {}),
      rules: rules.value,
      shareTimeS,
      pieceMode,
      capacity,
      name: name.value,
      privateVoice,
      ...colorField(data),
    },
  };
}

/**
 * Checks the Join form. `rulesAccepted` says whether the ground rules of the circle with the
 * typed code are shown and their box ticked; `device` is this browser's token.
 */
export function readJoinForm(
  form: HTMLFormElement,
  rulesAccepted: boolean,
  device: string,
): FormResult<JoinRequest> {
  const data = new FormData(form);
  const code = normalizeCircleCode(textField(data, 'code'));
  if (code === null) return { ok: false, code: Codes.CodeInvalid, field: 'code' };
  const name = checkPseudonym(textField(data, 'name'));
  if (!name.ok) return { ok: false, code: name.code, field: 'name' };
  if (!rulesAccepted) return { ok: false, code: Codes.RulesNotAccepted, field: 'acceptRules' };
  return {
    ok: true,
    value: { code, name: name.value, ...colorField(data), acceptedRules: true, device },
  };
}

/** Marks the offending field invalid, links it to the error text, and focuses it. */
export function showFormError(form: HTMLFormElement, field: string, message: string): void {
  const error = form.querySelector<HTMLElement>('.form-error');
  if (error) error.textContent = message;
  for (const input of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
    'input, textarea',
  )) {
    const bad = input.name === field;
    input.setAttribute('aria-invalid', String(bad));
    if (bad && error) input.setAttribute('aria-describedby', error.id);
    if (bad) input.focus();
  }
}

export function clearFormError(form: HTMLFormElement): void {
  const error = form.querySelector<HTMLElement>('.form-error');
  if (error) error.textContent = '';
  for (const input of form.querySelectorAll('input, textarea')) {
    input.removeAttribute('aria-invalid');
  }
}
