import type { Page } from 'playwright-core';
import { waitUntil } from './wait-until';

/** One peer connection as the page's `?diagnostics` reports it. */
export interface PeerInfo {
  memberId: string;
  connectionState: string;
  inboundPackets: number;
  /** `host`, `srflx` or `relay`, once a candidate pair is chosen. */
  localCandidateType?: string;
  remoteCandidateType?: string;
}

interface VoiceDiagnostics {
  peers(): Promise<PeerInfo[]>;
  levels(): Record<string, number>;
}

export function peersOf(page: Page): Promise<PeerInfo[]> {
  return page.evaluate(() =>
    (window as unknown as { engawaDiagnostics: VoiceDiagnostics }).engawaDiagnostics.peers(),
  );
}

/** A member's voice level after its panner on this page: what this person hears of them. */
export function levelOf(page: Page, fromId: string): Promise<number> {
  return page.evaluate(
    (id) =>
      (window as unknown as { engawaDiagnostics: VoiceDiagnostics }).engawaDiagnostics.levels()[
        id
      ] ?? 0,
    fromId,
  );
}

/** Waits until the page holds connected links to exactly these members. */
export function peersConnectedTo(page: Page, ids: readonly string[]): Promise<PeerInfo[]> {
  return waitUntil(
    `connections to ${ids.join(', ')}`,
    () => peersOf(page),
    (peers) =>
      peers.length === ids.length &&
      ids.every((id) => peers.some((p) => p.memberId === id && p.connectionState === 'connected')),
  );
}

/** Waits until audio packets keep arriving from each of these members (20 more than now). */
export async function packetsGrowFrom(page: Page, ids: readonly string[]): Promise<void> {
  const before = new Map((await peersOf(page)).map((p) => [p.memberId, p.inboundPackets]));
  await waitUntil(
    `more inbound audio packets from ${ids.join(', ')}`,
    () => peersOf(page),
    (peers) =>
      ids.every((id) =>
        peers.some((p) => p.memberId === id && p.inboundPackets > (before.get(id) ?? 0) + 20),
      ),
  );
}

/** Waits until this page hears `fromId` after the panner. */
export function hears(page: Page, fromId: string): Promise<number> {
  return waitUntil(
    `a level from ${fromId}`,
    () => levelOf(page, fromId),
    (level) => level >= 0.01,
  );
}

/** Waits until the page holds `count` connections, each relayed (TURN) at both ends. */
export function relayedAtBothEnds(
  page: Page,
  count: number,
  timeoutMs?: number,
): Promise<PeerInfo[]> {
  return waitUntil(
    `${count} connection(s) relayed at both ends`,
    () => peersOf(page),
    (peers) =>
      peers.length === count &&
      peers.every(
        (p) =>
          p.connectionState === 'connected' &&
          p.localCandidateType === 'relay' &&
          p.remoteCandidateType === 'relay',
      ),
    timeoutMs,
  );
}
