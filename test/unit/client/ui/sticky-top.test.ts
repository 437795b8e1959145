import { followStickyTop } from '../../../../client/ui/sticky-top';

/** A stand-in ResizeObserver the test can fire, and the styles and box it will read. */
function setup(position: string, height: number) {
  let fire: (() => void) | undefined;
  let disconnected = false;
  const globals = globalThis as unknown as Record<string, unknown>;
  globals.ResizeObserver = class {
    constructor(callback: () => void) {
      fire = callback;
    }
    observe(): void {}
    disconnect(): void {
      disconnected = true;
    }
  };
  globals.getComputedStyle = () => ({ position });
  const top = { getBoundingClientRect: () => ({ height }) } as unknown as HTMLElement;
  const set = new Map<string, string>();
  const root = {
    style: { setProperty: (name: string, value: string) => set.set(name, value) },
  } as unknown as HTMLElement;
  const stop = followStickyTop(top, root);
  return { fire: () => fire?.(), set, stop, disconnected: () => disconnected };
}

describe('followStickyTop', () => {
  afterEach(() => {
    const globals = globalThis as unknown as Record<string, unknown>;
    delete globals.ResizeObserver;
    delete globals.getComputedStyle;
  });

  it('sets --top-height to the sticky top’s height whenever it changes size', () => {
    const { fire, set, stop, disconnected } = setup('sticky', 187.6);
    fire();
    expect(set.get('--top-height')).toBe('188px');
    stop();
    expect(disconnected()).toBe(true);
  });

  it('counts nothing when the top scrolls away with the page (a short window)', () => {
    const { fire, set } = setup('static', 66);
    fire();
    expect(set.get('--top-height')).toBe('0px');
  });
});
