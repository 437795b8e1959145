/**
 * Just enough of the DOM for the thin view classes, on Node's own EventTarget: elements with
 * ids, attributes, dataset, children and events, checkboxes, radios and dialogs. Selectors are
 * limited to `#id`, `[data-x]` and `tag`.
 */
type Child = FakeElement | string;

export class FakeElement extends EventTarget {
  id = '';
  type = '';
  name = '';
  value = '';
  className = '';
  hidden = false;
  checked = false;
  readonly dataset: Record<string, string> = {};
  readonly attributes = new Map<string, string>();
  readonly style = {
    values: new Map<string, string>(),
    setProperty(name: string, value: string): void {
      this.values.set(name, value);
    },
  };
  nodes: Child[] = [];
  parent: FakeElement | undefined;
  private ownText = '';

  constructor(
    readonly tagName: string,
    readonly ownerDocument: FakeDocument,
  ) {
    super();
  }

  get children(): FakeElement[] {
    return this.nodes.filter((n): n is FakeElement => typeof n !== 'string');
  }

  get textContent(): string {
    if (this.nodes.length === 0) return this.ownText;
    return this.nodes.map((n) => (typeof n === 'string' ? n : n.textContent)).join('');
  }

  set textContent(text: string) {
    this.nodes = [];
    this.ownText = text;
  }

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  append(...children: Child[]): void {
    for (const child of children) {
      if (typeof child !== 'string') {
        child.remove();
        child.parent = this;
      }
      this.nodes.push(child);
    }
  }

  replaceChildren(...children: Child[]): void {
    for (const child of this.children) child.parent = undefined;
    this.nodes = [];
    this.ownText = '';
    this.append(...children);
  }

  remove(): void {
    if (!this.parent) return;
    this.parent.nodes = this.parent.nodes.filter((n) => n !== this);
    this.parent = undefined;
  }

  /** Descendants in document order. */
  descendants(): FakeElement[] {
    return this.children.flatMap((child) => [child, ...child.descendants()]);
  }

  querySelectorAll(selector: string): FakeElement[] {
    return this.descendants().filter((node) => matches(node, selector));
  }

  querySelector(selector: string): FakeElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }

  /** A user's click: checkboxes and radios change first, as in a browser. */
  click(): void {
    if (this.type === 'checkbox' || this.type === 'radio') {
      this.checked = this.type === 'checkbox' ? !this.checked : true;
      this.dispatchEvent(new Event('change'));
    }
    this.dispatchEvent(new Event('click'));
  }
}

export class FakeDialog extends FakeElement {
  open = false;

  showModal(): void {
    this.open = true;
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.dispatchEvent(new Event('close'));
  }
}

export class FakeDocument {
  readonly body: FakeElement = new FakeElement('BODY', this);

  createElement(tag: string): FakeElement {
    return new FakeElement(tag.toUpperCase(), this);
  }

  createDialog(): FakeDialog {
    return new FakeDialog('DIALOG', this);
  }

  /** `<tag id=...>` appended to `parent` (the body by default). */
  add(tag: string, id: string, parent: FakeElement = this.body): FakeElement {
    const node = this.createElement(tag);
    node.id = id;
    parent.append(node);
    return node;
  }
}

function matches(node: FakeElement, selector: string): boolean {
  if (selector.startsWith('#')) return node.id === selector.slice(1);
  const data = /^\[data-([a-z]+)\]$/.exec(selector);
  if (data?.[1] !== undefined) return data[1] in node.dataset;
  return node.tagName === selector.toUpperCase();
}

/** A key event as a browser would send it, on Node's plain Event. */
export function keyEvent(
  type: 'keydown' | 'keyup',
  key: string,
  extra: Partial<{ repeat: boolean; ctrlKey: boolean; target: unknown }> = {},
): Event & { key: string } {
  const event = new Event(type, { cancelable: true });
  const { target, ...rest } = extra;
  Object.assign(event, { key, repeat: false, ...rest });
  // `target` is read-only on Event; the mapping reads it, so shadow it on this one event.
  if (target !== undefined) Object.defineProperty(event, 'target', { value: target });
  return event as Event & { key: string };
}
