import type { WaitingRecord } from '../../signaling-server/circles/circle-record';

/** A knock as the store keeps it, connected, with the fields a test does not care about filled. */
export function knockRecord(
  fields: Pick<WaitingRecord, 'id' | 'name' | 'since'> & Partial<WaitingRecord>,
): WaitingRecord {
  return {
    color: null,
    deviceHash: null,
    tokenHash: `HASH-${fields.id}`,
    connectionId: `conn-${fields.id}`,
    awaySince: null,
    ...fields,
  };
}
