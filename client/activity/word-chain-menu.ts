import type { MessageKey } from '../i18n/en';
import type { Translator } from '../i18n/i18n';
import {
  WordSlots,
  type MenuButtonId,
  type MenuConditions,
  type WordButtonId,
} from '../xr/menu-layout';
import type { PlayOutcome, WordChainPlay } from './word-chain-play';

/** The wrist menu's buttons for the word chain: the main page's own, and its page's. */
export type GameButtonId = 'game' | WordButtonId | 'game-pass' | 'game-join';

/** Words the page shows, the newest last: what a glance needs to find the thread. */
const RECENT_WORDS = 4;

/**
 * The word chain in the headset: the wrist menu's Word chain page, where a suggested word is
 * played with one press, since a headset has no keyboard to type one. What the page says and
 * what its buttons do live here; the menu asks.
 */
export class WordChainMenu {
  /** What became of the last press on the page, until the page is opened again. */
  private note = '';

  constructor(
    private readonly i18n: Translator,
    private readonly play: WordChainPlay,
  ) {}

  conditions(): Pick<MenuConditions, 'atTable' | 'gameWords' | 'gameTurn'> {
    const game = this.play.state();
    return {
      atTable: game !== null,
      gameWords: game?.chain?.suggestions.length ?? 0,
      gameTurn: game?.chain?.myTurn ?? false,
    };
  }

  labels(): Record<GameButtonId, string> {
    const t = (key: MessageKey) => this.i18n.t(key);
    const chain = this.play.state()?.chain;
    const words = Object.fromEntries(
      WordSlots.map((i) => [`word-${i}`, chain?.suggestions[i] ?? '']),
    ) as Record<WordButtonId, string>;
    return {
      game: t('wordChain.menu'),
      ...words,
      'game-pass': t('wordChain.pass'),
      'game-join': t(
        !chain ? 'wordChain.menuStart' : chain.playing ? 'wordChain.leave' : 'wordChain.join',
      ),
    };
  }

  hint(): string {
    return this.i18n.t('wordChain.heading');
  }

  /** The next sound, whose turn it is and the latest words; or how to begin. */
  text(): string {
    const t = (key: MessageKey) => this.i18n.t(key);
    const game = this.play.state();
    const lines = !game
      ? [t('wordChain.notSeated')]
      : !game.chain
        ? [t('wordChain.menuIdle')]
        : [
            game.chain.line,
            this.i18n.t('wordChain.menuWords', {
              words: game.chain.words
                .slice(-RECENT_WORDS)
                .map((w) => w.word)
                .join(' → '),
            }),
          ];
    return [...lines, this.note].filter(Boolean).join('\n');
  }

  /** The page was opened: an old note would only confuse. */
  opened(): void {
    this.note = '';
  }

  /** Does what a button of the game page does; false for a button that is not the game's. */
  press(id: MenuButtonId): boolean {
    const chain = this.play.state()?.chain;
    if (id === 'game-pass') {
      this.noting(this.play.pass());
    } else if (id === 'game-join') {
      this.noting(
        !chain ? this.play.start() : chain.playing ? this.play.leave() : this.play.join(),
      );
    } else if (id.startsWith('word-')) {
      const word = chain?.suggestions[Number(id.slice('word-'.length))];
      if (word) this.noting(this.play.play(word));
    } else {
      return false;
    }
    return true;
  }

  private noting(outcome: Promise<PlayOutcome>): void {
    void outcome.then((result) => {
      if (result.kind !== 'busy') this.note = result.message;
    });
  }
}
