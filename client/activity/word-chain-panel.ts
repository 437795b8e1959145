import type { Translator } from '../i18n/i18n';
import type { StayChangeKind } from '../stay/stay';
import type { StayStore } from '../stay/stay-store';
import { byId, el, listen } from '../ui/dom';
import { SUGGESTION_COUNT, type ChainInPlay, type WordChainPlay } from './word-chain-play';

/** Changes that move a word, a player or a person; chat and the waiting room do not. */
const DRAWN: ReadonlySet<StayChangeKind> = new Set(['entered', 'circle', 'blocked', 'lobby']);

/** Writes text only when it changes, so a screen reader is not told the same thing again. */
function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** A control that can no longer take focus: gone or hidden. */
function lost(control: HTMLElement): boolean {
  return !control.isConnected || control.closest('[hidden]') !== null;
}

/**
 * The word chain at this member's table, on the page: start one, or watch, join and play on
 * one's turn, by typing a word or choosing a suggested one. Shown only to someone sitting at a
 * social event's table. Controls are made once and updated in place, so the keyboard focus
 * stays where it was through every word played.
 */
export class WordChainPanel {
  private readonly root = byId('word-chain');
  private readonly heading = byId('word-chain-heading');
  private readonly idle = byId('word-chain-idle');
  private readonly start = byId<HTMLButtonElement>('word-chain-start');
  private readonly next = byId('word-chain-next');
  private readonly game = byId('word-chain-game');
  private readonly words = byId<HTMLOListElement>('word-chain-words');
  private readonly players = byId('word-chain-players');
  private readonly turn = byId('word-chain-turn');
  private readonly form = byId<HTMLFormElement>('word-chain-form');
  private readonly script = byId('word-chain-script');
  private readonly input = byId<HTMLInputElement>('word-chain-input');
  private readonly error = byId('word-chain-error');
  private readonly ideas = byId('word-chain-ideas');
  private readonly pass = byId<HTMLButtonElement>('word-chain-pass');
  private readonly join = byId<HTMLButtonElement>('word-chain-join');
  private readonly leave = byId<HTMLButtonElement>('word-chain-leave');
  private readonly end = byId<HTMLButtonElement>('word-chain-end');
  private readonly suggestions = Array.from({ length: SUGGESTION_COUNT }, () =>
    el('button', { type: 'button', className: 'word-chain-suggestion secondary' }),
  );
  private readonly disposers: (() => void)[];
  /** The words last drawn, so the list is rebuilt only when a word is played. */
  private drawnWords = '';
  /** The table whose chain was drawn last, to tell "it ended" from "you moved". */
  private drawnChainAt: number | null = null;
  /** The table whose chain ended while this member sat there; said until another begins. */
  private endedAt: number | null = null;

  constructor(
    private readonly i18n: Translator,
    private readonly play: WordChainPlay,
    store: StayStore,
  ) {
    this.ideas.append(...this.suggestions);
    this.disposers = [
      store.subscribe((_stay, change) => {
        if (DRAWN.has(change.kind)) this.render();
      }),
      i18n.onChange(() => {
        this.render();
      }),
      // Each play says how it went on the status line; the panel redraws from the circle.
      listen(this.start, 'click', () => {
        void play.start();
      }),
      listen(this.join, 'click', () => {
        void play.join();
      }),
      listen(this.leave, 'click', () => {
        void play.leave();
      }),
      listen(this.end, 'click', () => {
        void play.end();
      }),
      listen(this.pass, 'click', () => {
        void play.pass();
      }),
      listen(this.form, 'submit', (event) => {
        event.preventDefault();
        void this.playAsync(this.input.value, true);
      }),
      listen(this.input, 'input', () => {
        this.showError('');
      }),
      listen(this.ideas, 'click', (event) => {
        const button = event.target instanceof HTMLElement ? event.target.closest('button') : null;
        const word = button?.dataset.word;
        if (word) void this.playAsync(word, false);
      }),
    ];
    this.render();
  }

  render(): void {
    const game = this.play.state();
    this.root.hidden = game === null;
    const focused = document.activeElement;
    const active = focused instanceof HTMLElement && this.root.contains(focused) ? focused : null;
    const chain = game?.chain ?? null;
    const table = game?.table ?? null;
    // A chain gone from the table this member still sits at has ended (by a player, a host,
    // or the last player leaving); getting up or moving is no end to speak of.
    if (!chain && table !== null && this.drawnChainAt === table) this.endedAt = table;
    else if (chain || table !== this.endedAt) this.endedAt = null;
    this.drawnChainAt = chain ? table : null;
    if (!chain) {
      setText(
        this.next,
        table !== null && this.endedAt === table ? this.i18n.t('wordChain.ended') : '',
      );
    }
    this.idle.hidden = chain !== null;
    this.game.hidden = chain === null;
    if (chain) this.drawChain(chain);
    else this.clearChain();
    if (active && lost(active)) this.refocus();
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    for (const button of this.suggestions) button.remove();
    this.clearChain();
    this.root.hidden = true;
  }

  private drawChain(chain: ChainInPlay): void {
    const t = this.i18n;
    setText(this.next, chain.line);
    this.drawWords(chain);
    setText(this.players, t.t('wordChain.players', { names: t.list(chain.players) }));
    this.turn.hidden = !chain.myTurn;
    this.input.lang = chain.language;
    setText(
      this.script,
      t.t(chain.language === 'ja' ? 'wordChain.kanaHint' : 'wordChain.letterHint'),
    );
    this.ideas.hidden = chain.suggestions.length === 0;
    this.suggestions.forEach((button, i) => {
      const word = chain.suggestions[i];
      button.hidden = word === undefined;
      if (word === undefined) return;
      button.dataset.word = word;
      setText(button, t.t('wordChain.playWord', { word }));
    });
    this.join.hidden = chain.playing;
    this.leave.hidden = !chain.playing;
    this.end.hidden = !chain.mayEnd;
  }

  private drawWords(chain: ChainInPlay): void {
    const drawn = [chain.language, ...chain.words.map((w) => `${w.word}\u0000${w.by}`)].join(
      '\u0001',
    );
    if (drawn === this.drawnWords) return;
    this.drawnWords = drawn;
    this.words.replaceChildren(
      ...chain.words.map(({ word, by, mine }) => {
        const item = el('li', { className: mine ? 'is-mine' : '' });
        // Read in the chain's language, whatever the page's: a kana word read as English is lost.
        const said = el('span', { className: 'word-chain-word', textContent: word });
        said.lang = chain.language;
        // Names are shown as written; `dir=auto` keeps right-to-left names from reordering.
        const who = el('span', {
          className: 'word-chain-by',
          textContent: this.i18n.t('wordChain.by', { name: by }),
        });
        who.dir = 'auto';
        item.append(said, ' ', who);
        return item;
      }),
    );
  }

  private clearChain(): void {
    this.turn.hidden = true;
    this.showError('');
    if (this.drawnWords === '') return;
    this.drawnWords = '';
    this.words.replaceChildren();
  }

  /** Focus that would fall to the page's top goes to the word box on one's turn, or the heading. */
  private refocus(): void {
    if (!lost(this.input)) {
      this.input.focus({ preventScroll: true });
      return;
    }
    const target = lost(this.heading) ? undefined : this.heading;
    target?.focus({ preventScroll: true });
  }

  private async playAsync(word: string, typed: boolean): Promise<void> {
    const result = await this.play.play(word);
    if (result.kind === 'busy') return;
    if (result.kind === 'refused') {
      // A typed word stays, to be mended; the reason sits beside it.
      if (typed) this.showError(result.message);
      return;
    }
    if (typed) this.input.value = '';
    this.showError('');
  }

  private showError(message: string): void {
    setText(this.error, message);
    this.error.hidden = message === '';
    if (message) {
      this.input.setAttribute('aria-invalid', 'true');
      this.input.setAttribute('aria-describedby', 'word-chain-script word-chain-error');
    } else {
      this.input.removeAttribute('aria-invalid');
      this.input.setAttribute('aria-describedby', 'word-chain-script');
    }
  }
}
