import { BalanceClock, fixedOffsetDays } from '../../../../client/balance/balance-clock';
import { BalanceNote, type Scheduler } from '../../../../client/balance/balance-note';
import { durationText, limitChoiceText } from '../../../../client/balance/limit-select';
import { en } from '../../../../client/i18n/en';
import { Translator } from '../../../../client/i18n/i18n';
import { ja } from '../../../../client/i18n/ja';
import { FakeDocument, FakeElement } from '../commands/fake-dom';
import { MemoryStorage } from '../steps/memory-storage';

const MINUTE = 60_000;

/** The fake DOM, plus what the note reads from the real one: lookup by id and focus. */
class NoteDocument extends FakeDocument {
  activeElement: FakeElement | null = null;

  /** With `id` reflected from the attribute, as a browser does. */
  override createElement(tag: string): FakeElement {
    const node = super.createElement(tag);
    const setAttribute = node.setAttribute.bind(node);
    node.setAttribute = (name, value) => {
      setAttribute(name, value);
      if (name === 'id') node.id = value;
    };
    return node;
  }

  getElementById(id: string): FakeElement | null {
    return this.body.querySelector(`#${id}`);
  }

  querySelector(): FakeElement | null {
    return null;
  }
}

function contains(this: FakeElement, other: FakeElement | null): boolean {
  return other !== null && (other === this || this.descendants().includes(other));
}

/** A scheduler the test runs by hand; it remembers whether it was stopped. */
class ManualScheduler implements Scheduler {
  readonly jobs = new Set<{ ms: number; fn: () => void }>();

  every(ms: number, fn: () => void): () => void {
    const job = { ms, fn };
    this.jobs.add(job);
    return () => {
      this.jobs.delete(job);
    };
  }

  /** Runs every job once per interval for `ms`, moving the clock as it goes. */
  run(time: { now: number }, ms: number): void {
    for (const job of this.jobs) {
      for (let passed = 0; passed < ms; passed += job.ms) {
        time.now += job.ms;
        job.fn();
      }
    }
  }
}

const globals = globalThis as unknown as Record<string, unknown>;

function setup(operatorMinutes = 60) {
  const doc = new NoteDocument();
  globals.document = doc;
  const host = doc.add('div', 'balance-host');
  const time = { now: Date.UTC(2026, 11, 10, 1, 0) };
  const storage = new MemoryStorage();
  const clock = new BalanceClock(storage.asStorage, {
    now: () => time.now,
    days: fixedOffsetDays(540),
    operatorMinutes,
  });
  const i18n = new Translator('en');
  const scheduler = new ManualScheduler();
  const note = new BalanceNote(i18n, clock, scheduler);
  return { doc, host, time, storage, clock, i18n, scheduler, note };
}

const find = (root: FakeElement, id: string): FakeElement | null => root.querySelector(`#${id}`);

describe('BalanceNote', () => {
  beforeAll(() => {
    Object.defineProperty(FakeElement.prototype, 'contains', {
      value: contains,
      configurable: true,
    });
  });

  afterEach(() => {
    delete globals.document;
  });

  it('puts an empty polite region in the host at start, so the note is announced later', () => {
    const { host, note, scheduler } = setup();
    note.start();
    const region = find(host, 'balance-note');
    expect(region?.getAttribute('role')).toBe('status');
    expect(region?.textContent).toBe('');
    expect([...scheduler.jobs].map((job) => job.ms)).toEqual([15_000]);
  });

  it('shows the note once when the limit is reached, with a thank-you that puts it away', () => {
    const { host, note, scheduler, time } = setup(60);
    note.start();
    scheduler.run(time, 59 * MINUTE);
    expect(note.shown).toBe(false);
    scheduler.run(time, MINUTE);
    expect(note.shown).toBe(true);
    const region = find(host, 'balance-note');
    expect(region?.textContent).toContain(en['balance.note']);
    const close = find(host, 'balance-close');
    expect(close?.textContent).toBe(en['balance.close']);
    close?.click();
    expect(note.shown).toBe(false);
    expect(region?.textContent).toBe('');
    // Not again today, however long the page stays open.
    scheduler.run(time, 5 * 60 * MINUTE);
    expect(note.shown).toBe(false);
  });

  it('reveals the labelled limit list, which saves at once', () => {
    const { host, note, scheduler, time, storage, clock } = setup(60);
    note.start();
    scheduler.run(time, 60 * MINUTE);
    const change = find(host, 'balance-change');
    const setting = find(host, 'balance-setting');
    expect(setting?.hidden).toBe(true);
    expect(change?.getAttribute('aria-expanded')).toBe('false');
    change?.click();
    expect(setting?.hidden).toBe(false);
    expect(change?.getAttribute('aria-expanded')).toBe('true');
    const select = find(host, 'balance-limit');
    expect(select?.value).toBe('default');
    const label = host
      .querySelectorAll('label')
      .find((node) => node.getAttribute('for') === 'balance-limit');
    expect(label?.textContent).toBe(en['balance.limitLabel']);
    if (!select) throw new Error('no select');
    select.value = 'off';
    select.dispatchEvent(new Event('change'));
    expect(storage.items.get('engawa.balanceLimit')).toBe('off');
    expect(clock.limitMinutes()).toBeNull();
  });

  it('follows the language', () => {
    const { host, note, scheduler, time, i18n } = setup(60);
    note.start();
    scheduler.run(time, 60 * MINUTE);
    i18n.setLocale('ja');
    expect(find(host, 'balance-note')?.textContent).toContain(ja['balance.note']);
    expect(find(host, 'balance-close')?.textContent).toBe(ja['balance.close']);
  });

  it('never shows a note when the limit is off', () => {
    const { note, scheduler, time, clock } = setup(60);
    clock.setLimitChoice('off');
    note.start();
    scheduler.run(time, 10 * 60 * MINUTE);
    expect(note.shown).toBe(false);
  });

  it('leaves nothing behind when disposed: no timer, no region, no listener', () => {
    const { host, note, scheduler, time, clock, i18n } = setup(60);
    note.start();
    scheduler.run(time, 60 * MINUTE);
    expect(clock.changed.size).toBe(1);
    note.dispose();
    expect(scheduler.jobs.size).toBe(0);
    expect(find(host, 'balance-note')).toBeNull();
    expect(clock.changed.size).toBe(0);
    expect(() => {
      i18n.setLocale('ja');
    }).not.toThrow();
  });
});

describe('how the limit reads', () => {
  const i18n = new Translator('en');
  const inJapanese = new Translator('ja');

  it.each([
    [60, '1 hour', '1時間'],
    [90, '1 hour 30 minutes', '1時間30分'],
    [120, '2 hours', '2時間'],
    [150, '2 hours 30 minutes', '2時間30分'],
    [45, '45 minutes', '45分'],
    [1, '1 minute', '1分'],
  ])('%p minutes', (minutes, english, japanese) => {
    expect(durationText(i18n, minutes)).toBe(english);
    expect(durationText(inJapanese, minutes)).toBe(japanese);
  });

  it('names the operator’s default and the off choice', () => {
    expect(limitChoiceText(i18n, 'default', 120)).toBe('The usual (2 hours)');
    expect(limitChoiceText(i18n, 'default', null)).toBe(en['balance.choiceDefaultOff']);
    expect(limitChoiceText(inJapanese, 'off', 120)).toBe(ja['balance.choiceOff']);
    expect(limitChoiceText(i18n, 240, 120)).toBe('4 hours');
  });
});
