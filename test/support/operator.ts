import type { FacilitatorKeys } from '../../signaling-server/facilitators/facilitator-keys';
import { runFacilitatorsCommand } from '../../signaling-server/facilitators/facilitators-command';

/** The operator at the server's terminal: `npm run facilitators -- ...`, its output's lines. */
export async function operator(keys: FacilitatorKeys, ...args: string[]): Promise<string[]> {
  const out: string[] = [];
  const code = await runFacilitatorsCommand(args, keys, {
    out: (line) => out.push(line),
    err: (line) => out.push(line),
  });
  if (code !== 0) throw new Error(`facilitators ${args.join(' ')} failed: ${out.join('\n')}`);
  return out;
}

/** `add "label"`: the key it printed, once. */
export async function issueKey(keys: FacilitatorKeys, label: string): Promise<string> {
  const printed = await operator(keys, 'add', label);
  const key = /engawa-[a-z2-7]{8}-[a-z2-7]{32}/.exec(printed.join('\n'))?.[0];
  if (key === undefined) throw new Error('no key printed');
  return key;
}

/** The same key with its last character changed: a mistyped key, never the right one. */
export function mistyped(key: string): string {
  return `${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`;
}

export const MINUTE = 60_000;
/** 3 December 2026, 09:00 in Tokyo: scheduling tests start their servers' clock here. */
export const DEC_3 = Date.UTC(2026, 11, 3, 0, 0);
/** Thursday 10 December 2026, 19:00 in Tokyo. */
export const DEC_10_19H = Date.UTC(2026, 11, 10, 10, 0);

/** A clock a test moves; every node of the harness reads it. */
export class Clock {
  at = DEC_3;
  readonly now = (): number => this.at;
}

/** `YYYY-MM-DD` and `HH:MM` of an instant on Tokyo's clock, as the schedule form takes them. */
export function tokyoWallTime(instant: number): { date: string; time: string } {
  const [date = '', time = ''] = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'short',
    timeStyle: 'short',
  })
    .format(instant)
    .split(' ');
  return { date, time };
}
