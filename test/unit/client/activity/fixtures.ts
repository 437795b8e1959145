import type { WordChainView } from '../../../../shared/activity/word-chain';
import type { CircleView, MemberView } from '../../../../shared/circle/views';
import type { Ack } from '../../../../shared/protocol/ack';
import { WordChainPlay } from '../../../../client/activity/word-chain-play';
import type { Translator } from '../../../../client/i18n/i18n';
import type { SignalingClient } from '../../../../client/net/signaling-client';
import { StayStore } from '../../../../client/stay/stay-store';
import { circle, member } from '../facilitation/fixtures';

/** A social event: this member ("me"), Aki and Ren at table 0, the host at table 1. */
export function socialEvent(extra: Partial<CircleView> = {}, self: Partial<MemberView> = {}) {
  return circle({
    kind: 'social',
    members: [
      member('me', { name: 'Mio', place: { table: 0, cushion: 0 }, ...self }),
      member('aki', { name: 'Aki', place: { table: 0, cushion: 1 } }),
      member('ren', { name: 'Ren', place: { table: 0, cushion: 2 } }),
      member('hana', { name: 'Hana', role: 'facilitator', place: { table: 1, cushion: 0 } }),
    ],
    tables: [
      { id: 0, theme: 'game', open: true },
      { id: 1, theme: 'talking', open: true },
    ],
    ...extra,
  });
}

/** A kana chain at table 0: しりとり, then りす by Aki; it waits for す. */
export function kanaChain(extra: Partial<WordChainView> = {}): WordChainView {
  return {
    table: 0,
    language: 'ja',
    words: [
      { word: 'しりとり', by: null },
      { word: 'りす', by: 'aki' },
    ],
    players: ['aki', 'me'],
    turn: 'me',
    next: 'す',
    played: 1,
    ...extra,
  };
}

export interface Sent {
  event: string;
  input: unknown;
}

/** A server stand-in: answers every request with `answer`, or holds it while `held`. */
export function fakeServer() {
  const sent: Sent[] = [];
  const server = {
    sent,
    answer: { ok: true, data: null } as Ack<null>,
    held: false,
    /** Answers the held request. */
    release: (): void => undefined,
  };
  const client = {
    request: (event: string, input: unknown): Promise<Ack<null>> => {
      sent.push({ event, input });
      const answer = server.answer;
      if (!server.held) return Promise.resolve(answer);
      return new Promise((resolve) => {
        server.release = () => {
          resolve(answer);
        };
      });
    },
  } as unknown as SignalingClient;
  return { server, client };
}

/** A play state over a store seated in `view`, with what it said on the status line. */
export function playing(i18n: Translator, view: CircleView | undefined, blocked: string[] = []) {
  const store = new StayStore();
  if (view) {
    store.entered({ self: { memberId: 'me', resumeToken: 't', blocked }, circle: view, chat: [] });
  }
  const said: string[] = [];
  const { server, client } = fakeServer();
  const play = new WordChainPlay(i18n, client, store, { announce: (text) => said.push(text) });
  return { store, play, said, server, client };
}

/** Lets pending promises settle. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));
