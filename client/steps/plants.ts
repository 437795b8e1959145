import type { FirstStep, VisitKind } from './steps-record';

/**
 * The pot plants of the Steps garden, drawn as small SVGs. Colours come from classes in
 * steps.css, not from attributes here, so the palette lives in one place. Each plant differs a
 * little from its neighbours (height, lean) by its date, never by chance, so the garden looks
 * the same at every visit.
 */

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

/** A small number from a string, the same every time. */
function variation(seed: string, range: number): number {
  let hash = 7;
  for (let i = 0; i < seed.length; i++) hash = (hash * 31 + seed.charCodeAt(i)) % 10_007;
  return hash % range;
}

function pot(): SVGElement[] {
  return [
    svg('path', { class: 'pot', d: 'M13 51 h22 l-3 11 h-16 z' }),
    svg('rect', { class: 'pot-rim', x: 11, y: 47, width: 26, height: 5, rx: 2 }),
  ];
}

function stem(top: number, lean: number): SVGElement {
  return svg('path', {
    class: 'stem',
    d: `M24 47 C24 ${top + 18} ${24 + lean} ${top + 10} ${24 + lean} ${top}`,
  });
}

function leaf(x: number, y: number, side: 1 | -1, size = 1): SVGElement {
  const reach = 10 * size * side;
  return svg('path', {
    class: 'leaf',
    d: `M${x} ${y} q${reach * 0.5} ${-9 * size} ${reach} ${-6 * size} q${-reach * 0.3} ${6 * size} ${-reach} ${6 * size} z`,
  });
}

function flower(x: number, y: number): SVGElement[] {
  const petals = [0, 72, 144, 216, 288].map((angle) => {
    const radians = (angle * Math.PI) / 180;
    return svg('circle', {
      class: 'petal',
      cx: (x + Math.sin(radians) * 5).toFixed(1),
      cy: (y - Math.cos(radians) * 5).toFixed(1),
      r: 4,
    });
  });
  return [...petals, svg('circle', { class: 'flower-heart', cx: x, cy: y, r: 3 })];
}

/** A small tree with a round crown: for going outside. */
function tree(seed: string): SVGElement[] {
  const top = 8 + variation(seed, 4);
  return [
    svg('path', { class: 'trunk', d: `M24 47 L24 ${top + 14}` }),
    svg('circle', { class: 'crown', cx: 24, cy: top + 8, r: 10 }),
    svg('circle', { class: 'crown-light', cx: 20, cy: top + 5, r: 4 }),
  ];
}

function frame(className: string, parts: SVGElement[]): SVGSVGElement {
  const drawing = svg('svg', {
    class: `plant-drawing ${className}`,
    viewBox: '0 0 48 64',
    width: 48,
    height: 64,
    'aria-hidden': 'true',
    focusable: 'false',
  });
  drawing.append(...parts);
  return drawing;
}

/** A leafy seedling for a gathering the person came to, tinted by its kind. */
export function visitDrawing(kind: VisitKind, seed: string): SVGSVGElement {
  const top = 20 + variation(seed, 8);
  const lean = variation(seed, 5) - 2;
  return frame(`plant-visit plant-${kind}`, [
    stem(top, lean),
    leaf(24, 40, -1),
    leaf(24, 34, 1, 0.9),
    leaf(24 + lean, top + 4, -1, 0.7),
    ...pot(),
  ]);
}

/** A flowering plant for a first, each first its own colour; a tree for going outside. */
export function firstDrawing(step: FirstStep, seed: string): SVGSVGElement {
  if (step === 'outside') return frame('plant-first plant-outside', [...tree(seed), ...pot()]);
  const top = 10 + variation(seed, 6);
  const lean = variation(seed, 5) - 2;
  return frame(`plant-first plant-${step}`, [
    stem(top, lean),
    leaf(24, 41, -1),
    leaf(24, 35, 1),
    ...flower(24 + lean, top),
    ...pot(),
  ]);
}
