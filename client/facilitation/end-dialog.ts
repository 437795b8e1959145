import { byId } from '../ui/dom';

/**
 * "End circle" asks once more and offers a closing word for everyone. Returns the function
 * that removes its listeners.
 */
export function wireEndDialog(end: (message: string | undefined) => void): () => void {
  const dialog = byId<HTMLDialogElement>('end-dialog');
  const message = byId<HTMLTextAreaElement>('end-message');
  const open = (): void => {
    message.value = '';
    dialog.showModal();
  };
  const confirm = (): void => {
    dialog.close();
    end(message.value.trim() || undefined);
  };
  const cancel = (): void => {
    dialog.close();
  };
  byId('end-circle').addEventListener('click', open);
  byId('end-confirm').addEventListener('click', confirm);
  byId('end-cancel').addEventListener('click', cancel);
  return () => {
    byId('end-circle').removeEventListener('click', open);
    byId('end-confirm').removeEventListener('click', confirm);
    byId('end-cancel').removeEventListener('click', cancel);
  };
}
