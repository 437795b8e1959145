/** Looks up an element that index.html must contain; a missing one is a build error. */
// The element type is the caller's statement of what index.html holds at that id.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`index.html lacks #${id}`);
  return found as T;
}

export const Screens = [
  'start',
  'create',
  'join',
  'facilitator',
  'schedule',
  'gathering',
  'waiting',
  'circle',
  'message',
  'steps',
] as const;
export type Screen = (typeof Screens)[number];

/** Shows one screen, hides the rest, and moves focus to its heading for screen readers. */
export function showScreen(screen: Screen): void {
  for (const name of Screens) {
    byId(`screen-${name}`).hidden = name !== screen;
  }
  document.body.dataset.screen = screen;
  const heading = byId(`screen-${screen}`).querySelector<HTMLElement>('h1, h2');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<'className' | 'textContent' | 'type', string>> = {},
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

/** Adds an event listener; returns what removes it again. */
export function listen<K extends keyof HTMLElementEventMap>(
  target: HTMLElement,
  type: K,
  handler: (event: HTMLElementEventMap[K]) => void,
): () => void {
  target.addEventListener(type, handler);
  return () => {
    target.removeEventListener(type, handler);
  };
}
