/**
 * Keeps `--top-height` equal to the sticky top's height (the header, plus a facilitator's
 * notices while there are any), so the 3D view sticks just below it and scrolling to a
 * control never leaves it hidden behind. Returns what stops following it.
 */
export function followStickyTop(top: HTMLElement, root: HTMLElement): () => void {
  const observer = new ResizeObserver(() => {
    // Only where the top actually sticks: on a short window it scrolls away like the rest.
    const sticks = getComputedStyle(top).position === 'sticky';
    const height = sticks ? top.getBoundingClientRect().height : 0;
    root.style.setProperty('--top-height', `${Math.round(height)}px`);
  });
  observer.observe(top);
  return () => {
    observer.disconnect();
  };
}
