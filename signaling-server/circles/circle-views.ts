import type {
  CirclePreview,
  CircleView,
  MemberView,
  ModerationState,
  WaitingList,
  WaitingView,
} from '../../shared/circle/views';
import { DEFAULT_TAKING_PART } from '../../shared/circle/taking-part';
import { lastSound, WordChain, type WordChainView } from '../../shared/activity/word-chain';
import { currentTurn } from '../tables/word-chain-rules';
import type { CircleRecord, WordChainRecord } from './circle-record';

/**
 * What clients see of a circle record. Device hashes, resume token hashes, connection ids and
 * blocks never leave the server.
 */
export function toCircleView(circle: CircleRecord, now: number): CircleView {
  // Someone admitted but not yet seated holds a seat but is not shown until they arrive.
  const members: MemberView[] = circle.members
    .filter((m) => m.arrived)
    .map((m) => ({
      id: m.id,
      name: m.name,
      role: m.role,
      seat: m.seat,
      arrival: m.arrival,
      connected: m.connectionId !== null,
      muted: m.muted,
      forceMuted: m.forceMuted,
      color: m.color,
      away: m.steppedOut,
      takingPart: m.takingPart ?? DEFAULT_TAKING_PART,
      place: m.place ?? null,
    }))
    .sort((a, b) => a.seat - b.seat);
  const { holder, since, round } = circle.piece;
  return {
    code: circle.code,
    kind: circle.kind ?? 'support',
    title: circle.title,
    topic: circle.topic,
    rules: [...circle.rules],
    shareTimeS: circle.shareTimeS,
    pieceMode: circle.pieceMode,
    locked: circle.locked,
    paused: circle.paused,
    capacity: circle.capacity,
    revision: circle.revision,
    privateVoice: circle.privateVoice,
    members,
    hands: [...circle.hands],
    piece: {
      holder,
      // Elapsed rather than a timestamp, so clients with wrong clocks still count correctly.
      heldSinceMs: since === null ? null : Math.max(0, now - since),
      round: round && { kind: round.kind, order: [...round.order], turn: round.turn },
      offeredTo: circle.piece.offeredTo ?? null,
    },
    tables: circle.tables?.map((t) => ({ ...t })) ?? [],
    activities: (circle.wordChains ?? []).map((chain) => wordChainView(circle, chain)),
  };
}

export function toWaitingViews(circle: CircleRecord): WaitingView[] {
  return circle.waiting.map((w) => ({
    id: w.id,
    name: w.name,
    since: w.since,
    connected: w.awaySince === null,
    takingPart: w.takingPart ?? DEFAULT_TAKING_PART,
  }));
}

export function toWaitingList(circle: CircleRecord): WaitingList {
  return { revision: circle.waitingRevision, waiting: toWaitingViews(circle) };
}

export function toModerationState(circle: CircleRecord): ModerationState {
  return { barred: circle.barred.map((b) => ({ id: b.id, name: b.name, at: b.at })) };
}

export function toPreview(circle: CircleRecord): CirclePreview {
  return {
    title: circle.title,
    topic: circle.topic,
    rules: [...circle.rules],
    locked: circle.locked,
  };
}

function wordChainView(circle: CircleRecord, chain: WordChainRecord): WordChainView {
  const last = chain.words.at(-1)?.word ?? WordChain.seeds[chain.language];
  return {
    table: chain.table,
    language: chain.language,
    words: chain.words.slice(-WordChain.wordsShown).map((w) => ({ ...w })),
    players: [...chain.players],
    turn: currentTurn(circle, chain),
    next: lastSound(last),
    played: chain.words.length - 1,
  };
}
