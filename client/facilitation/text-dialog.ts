import type { MessageKey } from '../i18n/en';
import { ReportReasons, type ReportReason } from '../../shared/circle/facilitation';
import { Limits } from '../../shared/protocol/limits';
import type { Translator } from '../i18n/i18n';
import { byId, el } from '../ui/dom';

export interface TextDialogAnswer {
  text: string;
  reasons: ReportReason[];
}

/**
 * One small dialog for a private message or a report: a heading, reasons to tick (reports
 * only) and a text. Resolves with what was written, or undefined when cancelled.
 */
/** What the dialog says, and how much it takes, for each kind of text. */
const dialogWords = {
  message: {
    title: 'private.title',
    label: 'private.label',
    send: 'private.send',
    maxChars: Limits.privateMessageMaxChars,
  },
  report: {
    title: 'report.title',
    label: 'report.textLabel',
    send: 'report.send',
    maxChars: Limits.reportTextMaxChars,
  },
  announce: {
    title: 'announce.title',
    label: 'announce.label',
    send: 'announce.send',
    maxChars: Limits.announcementMaxChars,
  },
} as const satisfies Record<
  string,
  { title: MessageKey; label: MessageKey; send: MessageKey; maxChars: number }
>;

export function askText(
  i18n: Translator,
  kind: 'message' | 'report' | 'announce',
  name: string,
): Promise<TextDialogAnswer | undefined> {
  const dialog = byId<HTMLDialogElement>('text-dialog');
  const form = byId<HTMLFormElement>('text-form');
  const input = byId<HTMLTextAreaElement>('text-input');
  const reasons = byId('text-reasons');
  const error = byId('text-error');
  const cancel = byId('text-cancel');
  const words = dialogWords[kind];
  byId('text-title').textContent = i18n.t(words.title, { name });
  byId('text-label').textContent = i18n.t(words.label);
  byId('text-submit').textContent = i18n.t(words.send);
  input.value = '';
  input.maxLength = words.maxChars;
  error.hidden = true;
  reasons.hidden = kind !== 'report';
  // Said inside the dialog, before anything is written, as the headset's menu says it.
  const note = byId('text-note');
  note.textContent = i18n.t('report.notTold');
  note.hidden = kind !== 'report';
  const boxes = ReportReasons.map((reason) => {
    const box = el('input', { type: 'checkbox' }, { value: reason });
    const label = el('label', { className: 'check' });
    label.append(box, el('span', { textContent: i18n.t(`report.reason.${reason}`) }));
    return { reason, box, label };
  });
  reasons.replaceChildren(
    el('legend', { textContent: i18n.t('report.reasons') }),
    ...boxes.map((b) => b.label),
  );
  return new Promise((resolve) => {
    const finish = (answer: TextDialogAnswer | undefined): void => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('close', onClose);
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    const onSubmit = (event: SubmitEvent): void => {
      event.preventDefault();
      const chosen = boxes.filter((b) => b.box.checked).map((b) => b.reason);
      const text = input.value.trim();
      const missing = kind === 'report' ? chosen.length === 0 : text === '';
      if (missing) {
        error.textContent = i18n.t(kind === 'report' ? 'report.needReason' : 'private.needText');
        error.hidden = false;
        return;
      }
      finish({ text, reasons: chosen });
    };
    const onCancel = (): void => {
      finish(undefined);
    };
    const onClose = (): void => {
      finish(undefined);
    };
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('close', onClose);
    dialog.showModal();
  });
}
