import type { GatheringRecord } from '../../../../signaling-server/schedule/gathering-record';
import { gathering } from '../../../support/gathering-store-contract';

/** A weekly support circle on Thursdays at 19:00 in Tokyo, four times from 10 December 2026. */
export function gatheringRecord(change: Partial<GatheringRecord> = {}): GatheringRecord {
  return gathering('g1', 1, { title: '木曜の会', topic: null, ...change });
}
