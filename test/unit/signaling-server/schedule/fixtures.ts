import type { GatheringRecord } from '../../../../signaling-server/schedule/gathering-record';

/** A weekly support circle on Thursdays at 19:00 in Tokyo, four times from 10 December 2026. */
export function gatheringRecord(change: Partial<GatheringRecord> = {}): GatheringRecord {
  return {
    id: 'g1',
    ownerKeyId: 'aaaaaaaa',
    kind: 'support',
    title: '木曜の会',
    topic: null,
    language: 'ja',
    rules: ['やさしく'],
    shareTimeS: 180,
    pieceMode: 'gentle',
    seats: 8,
    listed: true,
    date: '2026-12-10',
    time: '19:00',
    zone: 'Asia/Tokyo',
    durationMin: 90,
    weeks: 4,
    createdAt: 1,
    cancelledAt: null,
    room: null,
    ...change,
  };
}
