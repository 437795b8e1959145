import { byId } from '../ui/dom';

/** Asks once more before something that cannot be undone here (remove, block). */
export function confirmAsync(text: string, yesLabel: string, noLabel: string): Promise<boolean> {
  const dialog = byId<HTMLDialogElement>('confirm-dialog');
  const yes = byId('confirm-yes');
  const no = byId('confirm-no');
  byId('confirm-text').textContent = text;
  yes.textContent = yesLabel;
  no.textContent = noLabel;
  return new Promise((resolve) => {
    const finish = (answer: boolean): void => {
      yes.removeEventListener('click', onYes);
      no.removeEventListener('click', onNo);
      dialog.removeEventListener('close', onClose);
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    const onYes = (): void => {
      finish(true);
    };
    const onNo = (): void => {
      finish(false);
    };
    const onClose = (): void => {
      finish(false);
    };
    yes.addEventListener('click', onYes);
    no.addEventListener('click', onNo);
    dialog.addEventListener('close', onClose);
    dialog.showModal();
    no.focus();
  });
}
