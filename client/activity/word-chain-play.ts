import {
  WordChain,
  judgeWord,
  normalizeWord,
  type WordChainLanguage,
  type WordChainView,
} from '../../shared/activity/word-chain';
import { isHostRole } from '../../shared/circle/facilitation';
import type { Ack } from '../../shared/protocol/ack';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import type { InCircle } from '../stay/stay';
import type { StayStore } from '../stay/stay-store';
import type { StatusLine } from '../ui/status-line';
import { suggestWords } from './word-suggestions';

/** Words offered to someone whose turn it is: as many as the headset has buttons for. */
export const SUGGESTION_COUNT = 3;

/** A word of the chain, with who played it as this member may see them. */
export interface ChainWord {
  word: string;
  /** A name, "you", "someone" (a blocked or departed member) or "the first word". */
  by: string;
  mine: boolean;
}

/** A table's word chain as this member takes part in it. */
export interface ChainInPlay {
  language: WordChainLanguage;
  /** The sound the next word must start with. */
  next: string;
  played: number;
  /** The newest last. */
  words: ChainWord[];
  /** Those taking turns, by name, in turn order. */
  players: string[];
  playing: boolean;
  myTurn: boolean;
  /** What comes next and whose turn it is, as a sentence. */
  line: string;
  /** Players and hosts may end the game for the table. */
  mayEnd: boolean;
  /** Words that would chain now; offered on this member's turn only. */
  suggestions: string[];
}

/** The table this member sits at, and its chain if one is going. */
export interface TableGame {
  table: number;
  chain: ChainInPlay | null;
}

/** What became of a press: done (with what was said), refused (and why), or ignored. */
export type PlayOutcome =
  | { kind: 'done'; message: string }
  | { kind: 'refused'; code: ErrorCode; message: string }
  | { kind: 'busy' };

type Requests = Pick<SignalingClient, 'request'>;
type Announcer = Pick<StatusLine, 'announce'>;

/**
 * The word chain at this member's table, read from the stay and played through the server:
 * the one place both the page's panel and the headset's menu ask. The server judges every
 * word; a word that could not chain is refused here first, with the server's own message.
 */
export class WordChainPlay {
  /** A request on its way: another press waits for its answer. */
  private pending = false;
  private memo: { stay: InCircle; locale: string; game: TableGame | null } | undefined;

  constructor(
    private readonly i18n: Translator,
    private readonly client: Requests,
    private readonly store: StayStore,
    private readonly status: Announcer,
  ) {}

  /**
   * The game at this member's table, or null away from one (or at anything but a social event).
   * The headset asks every frame it shows the menu: worked out again only on a change.
   */
  state(): TableGame | null {
    const stay = this.store.inCircle;
    if (!stay) return null;
    const locale = this.i18n.locale;
    if (this.memo?.stay !== stay || this.memo.locale !== locale) {
      this.memo = { stay, locale, game: this.read(stay) };
    }
    return this.memo.game;
  }

  /** A sound or a word set off in the quotes the page's language and the chain's script call for. */
  quote(text: string, language: WordChainLanguage): string {
    return this.i18n.locale === 'ja' || language === 'ja' ? `「${text}」` : `“${text}”`;
  }

  start(): Promise<PlayOutcome> {
    // A chain is played in the page's language: kana on a Japanese page, letters otherwise.
    const language: WordChainLanguage = this.i18n.locale === 'ja' ? 'ja' : 'en';
    return this.send(
      () => this.client.request('activity:start', { language }),
      () =>
        this.i18n.t('wordChain.started', {
          word: this.quote(WordChain.seeds[language], language),
        }),
    );
  }

  join(): Promise<PlayOutcome> {
    return this.send(
      () => this.client.request('activity:join', {}),
      () => this.i18n.t('wordChain.joined'),
    );
  }

  leave(): Promise<PlayOutcome> {
    return this.send(
      () => this.client.request('activity:leave', {}),
      () => this.i18n.t('wordChain.left'),
    );
  }

  /** Plays a word on this member's turn; one that could not chain is refused without asking. */
  play(input: string): Promise<PlayOutcome> {
    const chain = this.state()?.chain;
    if (!chain) return Promise.resolve(this.refused('no_activity'));
    const word = input.trim();
    const fault = chain.myTurn
      ? judgeWord(chain.language, chain.next, word, usedWords(chain))
      : 'not_your_turn';
    if (fault) return Promise.resolve(this.refused(fault));
    return this.send(
      () => this.client.request('activity:word', { word }),
      // Said as the list will show it: katakana read as hiragana, letters in lower case.
      () =>
        this.i18n.t('wordChain.played', { word: this.quote(normalizeWord(word), chain.language) }),
    );
  }

  pass(): Promise<PlayOutcome> {
    return this.send(
      () => this.client.request('activity:pass', {}),
      () => this.i18n.t('wordChain.passed'),
    );
  }

  /** Ends the table's game. Said by the page's panel to everyone it ends for, so not here. */
  end(): Promise<PlayOutcome> {
    return this.send(
      () => this.client.request('activity:end', {}),
      () => this.i18n.t('wordChain.ended'),
      false,
    );
  }

  private async send(
    request: () => Promise<Ack<null>>,
    success: () => string,
    announce = true,
  ): Promise<PlayOutcome> {
    if (this.pending) return { kind: 'busy' };
    this.pending = true;
    const answer = await request();
    this.pending = false;
    if (!answer.ok) return this.refused(answer.error.code);
    const message = success();
    if (announce) this.status.announce(message);
    return { kind: 'done', message };
  }

  private refused(code: ErrorCode): PlayOutcome {
    const message = this.i18n.error(code);
    this.status.announce(message);
    return { kind: 'refused', code, message };
  }

  private read(stay: InCircle): TableGame | null {
    const { circle, selfId, blocked } = stay;
    const self = circle.members.find((m) => m.id === selfId);
    const table = self?.place?.table;
    if (circle.kind !== 'social' || !self || table === undefined) return null;
    const view = circle.activities.find((a) => a.table === table);
    if (!view) return { table, chain: null };
    const t = this.i18n;
    const nameOf = (id: string): string => {
      if (id === selfId) return t.t('wordChain.you');
      const member = blocked.has(id) ? undefined : circle.members.find((m) => m.id === id);
      return member?.name ?? t.t('wordChain.someone');
    };
    const playing = view.players.includes(selfId);
    const myTurn = playing && view.turn === selfId;
    const words = view.words.map(({ word, by }) => ({
      word,
      by: by === null ? t.t('wordChain.seed') : nameOf(by),
      mine: by === selfId,
    }));
    return {
      table,
      chain: {
        language: view.language,
        next: view.next,
        played: view.played,
        words,
        players: view.players.map(nameOf),
        playing,
        myTurn,
        line: t.t('wordChain.next', {
          sound: this.quote(view.next, view.language),
          turn: this.turnText(view, stay),
        }),
        mayEnd: playing || isHostRole(self.role),
        suggestions: myTurn
          ? suggestWords(
              view.language,
              view.next,
              usedWords({ words }),
              SUGGESTION_COUNT,
              view.played,
            )
          : [],
      },
    };
  }

  private turnText(view: WordChainView, stay: InCircle): string {
    const t = this.i18n;
    if (view.turn === null) return t.t('wordChain.turnNobody');
    if (view.turn === stay.selfId) return t.t('wordChain.yourTurn');
    const member = stay.blocked.has(view.turn)
      ? undefined
      : stay.circle.members.find((m) => m.id === view.turn);
    return member ? t.t('wordChain.turnOf', { name: member.name }) : t.t('wordChain.turnOther');
  }
}

/** The words this page knows were played: the newest few; the server knows the rest. */
function usedWords(chain: { words: readonly { word: string }[] }): Set<string> {
  return new Set(chain.words.map((w) => normalizeWord(w.word)));
}
