import {
  judgeWord,
  normalizeWord,
  WordChain,
  type WordChainLanguage,
} from '../../shared/activity/word-chain';
import { isHostRole } from '../../shared/circle/facilitation';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { CircleRecord, WordChainRecord } from '../circles/circle-record';
import { findMember, markChanged, requireMember } from '../circles/members';

/**
 * The word chain a table can play, as pure functions over the event's record. Anyone at the
 * table may start it, join it or watch; turns go round the players, skipping anyone away or
 * disconnected, and any player may pass their own turn.
 */

function tableOf(circle: CircleRecord, memberId: string): number {
  if (circle.kind !== 'social') throw EngawaError.of(ErrorCode.NotSocialEvent);
  const place = requireMember(circle, memberId).place;
  if (!place) throw EngawaError.of(ErrorCode.NotAtATable);
  return place.table;
}

function chainAt(circle: CircleRecord, table: number): WordChainRecord | undefined {
  return circle.wordChains?.find((c) => c.table === table);
}

function requireChain(circle: CircleRecord, memberId: string): WordChainRecord {
  const chain = chainAt(circle, tableOf(circle, memberId));
  if (!chain) throw EngawaError.of(ErrorCode.NoActivity);
  return chain;
}

/** Whether a player can take a turn now: at the chain's table, connected and not away. */
function canPlay(circle: CircleRecord, chain: WordChainRecord, memberId: string): boolean {
  const member = findMember(circle, memberId);
  return (
    member !== undefined &&
    member.place?.table === chain.table &&
    member.connectionId !== null &&
    !member.steppedOut
  );
}

/** Whose turn it is: the first player from `turn` on who can take it, or null. */
export function currentTurn(circle: CircleRecord, chain: WordChainRecord): string | null {
  for (let i = 0; i < chain.players.length; i++) {
    const id = chain.players[(chain.turn + i) % chain.players.length];
    if (id !== undefined && canPlay(circle, chain, id)) return id;
  }
  return null;
}

function requireTurn(circle: CircleRecord, chain: WordChainRecord, memberId: string): void {
  if (currentTurn(circle, chain) !== memberId) throw EngawaError.of(ErrorCode.NotYourTurn);
}

function advance(chain: WordChainRecord, memberId: string): void {
  chain.turn = (chain.players.indexOf(memberId) + 1) % chain.players.length;
}

export function startChain(
  circle: CircleRecord,
  memberId: string,
  language: WordChainLanguage,
): boolean {
  const table = tableOf(circle, memberId);
  if (chainAt(circle, table)) throw EngawaError.of(ErrorCode.ActivityRunning);
  const chain: WordChainRecord = {
    table,
    language,
    words: [{ word: WordChain.seeds[language], by: null }],
    players: [memberId],
    turn: 0,
  };
  circle.wordChains = [...(circle.wordChains ?? []), chain];
  markChanged(circle);
  return true;
}

export function joinChain(circle: CircleRecord, memberId: string): boolean {
  const chain = requireChain(circle, memberId);
  if (chain.players.includes(memberId)) return false;
  chain.players.push(memberId);
  markChanged(circle);
  return true;
}

/** Stops playing (watching on, if still at the table); the last player leaving ends it. */
export function leaveChain(circle: CircleRecord, memberId: string): boolean {
  const chain = requireChain(circle, memberId);
  if (!chain.players.includes(memberId)) return false;
  removePlayer(circle, chain, memberId);
  markChanged(circle);
  return true;
}

export function playWord(circle: CircleRecord, memberId: string, input: string): boolean {
  const chain = requireChain(circle, memberId);
  requireTurn(circle, chain, memberId);
  const previous = chain.words.at(-1)?.word ?? WordChain.seeds[chain.language];
  const used = new Set(chain.words.map((w) => w.word));
  const fault = judgeWord(chain.language, previous, input, used);
  if (fault) throw EngawaError.of(fault);
  chain.words.push({ word: normalizeWord(input), by: memberId });
  advance(chain, memberId);
  // A chain that has remembered all it can ends, as a finished game rather than a refusal.
  if (chain.words.length >= WordChain.wordsMax) dropChain(circle, chain);
  markChanged(circle);
  return true;
}

export function passTurn(circle: CircleRecord, memberId: string): boolean {
  const chain = requireChain(circle, memberId);
  requireTurn(circle, chain, memberId);
  advance(chain, memberId);
  markChanged(circle);
  return true;
}

/** Ends the table's chain: any of its players may, and so may a host. */
export function endChain(circle: CircleRecord, memberId: string): boolean {
  const chain = requireChain(circle, memberId);
  const member = requireMember(circle, memberId);
  if (!chain.players.includes(memberId) && !isHostRole(member.role)) {
    throw EngawaError.of(ErrorCode.NotPermitted);
  }
  dropChain(circle, chain);
  markChanged(circle);
  return true;
}

/**
 * After people move or leave: players no longer at a chain's table stop playing, and a chain
 * left with no players ends. Call after any change of who sits where.
 */
export function tidyWordChains(circle: CircleRecord): void {
  for (const chain of [...(circle.wordChains ?? [])]) {
    for (const id of [...chain.players]) {
      if (findMember(circle, id)?.place?.table !== chain.table) removePlayer(circle, chain, id);
    }
  }
}

function removePlayer(circle: CircleRecord, chain: WordChainRecord, memberId: string): void {
  const index = chain.players.indexOf(memberId);
  if (index < 0) return;
  chain.players.splice(index, 1);
  if (chain.players.length === 0) {
    dropChain(circle, chain);
    return;
  }
  // The turn stays with whoever was next.
  if (index < chain.turn) chain.turn -= 1;
  chain.turn %= chain.players.length;
}

function dropChain(circle: CircleRecord, chain: WordChainRecord): void {
  circle.wordChains = (circle.wordChains ?? []).filter((c) => c !== chain);
  if (circle.wordChains.length === 0) delete circle.wordChains;
}
