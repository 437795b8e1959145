/**
 * Re-renders `root` without losing the keyboard user's place: the focused control, found again
 * by its `data-focus-key`, gets focus back after the children are replaced.
 */
export function keepFocus(root: HTMLElement, render: () => void): void {
  const active = document.activeElement;
  const key =
    active instanceof HTMLElement && root.contains(active) ? active.dataset.focusKey : undefined;
  render();
  if (key === undefined) return;
  for (const candidate of root.querySelectorAll<HTMLElement>('[data-focus-key]')) {
    if (candidate.dataset.focusKey === key) {
      candidate.focus({ preventScroll: true });
      return;
    }
  }
}
