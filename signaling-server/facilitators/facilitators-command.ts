import { checkTitle } from '../../shared/circle/display-text';
import { hashSecret, newFacilitatorKey, parseFacilitatorKey } from './facilitator-key';
import type { FacilitatorKeys, FacilitatorRecord } from './facilitator-keys';

export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

export const USAGE = [
  'Usage: npm run facilitators -- <command>',
  '',
  '  add "Label"    issue a key for one facilitator; it is printed once and kept only hashed',
  '  list           every key: id, label, when issued, and whether it is revoked',
  '  revoke ID      stop a key from opening anything (the id from list, or the whole key)',
].join('\n');

/** Exit codes: 0 done, 1 refused (bad label, unknown key), 2 not a command. */
export type ExitCode = 0 | 1 | 2;

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

async function add(
  keys: FacilitatorKeys,
  rawLabel: string,
  io: CommandOutput,
  now: () => number,
): Promise<ExitCode> {
  const label = checkTitle(rawLabel);
  if (!label.ok) {
    io.err('The label must be visible text of at most 80 characters, e.g. "Sato, Tuesdays".');
    return 1;
  }
  // 40-bit ids collide rarely; try again rather than fail the operator.
  for (let attempt = 0; attempt < 5; attempt++) {
    const fresh = newFacilitatorKey();
    const record: FacilitatorRecord = {
      id: fresh.id,
      label: label.value,
      secretHash: await hashSecret(fresh.secret),
      createdAt: now(),
      revokedAt: null,
    };
    if (await keys.add(record)) {
      io.out(`Facilitator key for "${record.label}" (id ${record.id}):`);
      io.out('');
      io.out(`  ${fresh.key}`);
      io.out('');
      io.out('This is the only time it is shown; only its hash is kept.');
      io.out('Hand it to the facilitator privately. They enter it once under "I’m a facilitator".');
      return 0;
    }
  }
  io.err('Could not find a free key id; please try again.');
  return 1;
}

async function list(keys: FacilitatorKeys, io: CommandOutput): Promise<ExitCode> {
  const all = await keys.list();
  if (all.length === 0) {
    io.out('No facilitator keys yet. Issue one with: npm run facilitators -- add "Label"');
    return 0;
  }
  for (const key of all) {
    const state = key.revokedAt === null ? 'active' : `revoked ${day(key.revokedAt)}`;
    io.out(`${key.id}  ${day(key.createdAt)}  ${state.padEnd(25)}  ${key.label}`);
  }
  return 0;
}

async function revoke(
  keys: FacilitatorKeys,
  idOrKey: string,
  io: CommandOutput,
  now: () => number,
): Promise<ExitCode> {
  const id = parseFacilitatorKey(idOrKey)?.id ?? idOrKey.trim().toLowerCase();
  const record = await keys.find(id);
  if (record && (await keys.revoke(id, now()))) {
    io.out(`Revoked ${id} ("${record.label}"). Circles already open go on; no new one opens.`);
    return 0;
  }
  io.err(
    record
      ? `Key ${id} was already revoked.`
      : `No key with id "${id}". See: npm run facilitators -- list`,
  );
  return 1;
}

/** `npm run facilitators -- add|list|revoke`, against whichever store the server uses. */
export async function runFacilitatorsCommand(
  args: readonly string[],
  keys: FacilitatorKeys,
  io: CommandOutput,
  now: () => number = Date.now,
): Promise<ExitCode> {
  const [command, ...rest] = args;
  const argument = rest.join(' ');
  switch (command) {
    case 'add':
      return rest.length > 0 ? add(keys, argument, io, now) : usage(io);
    case 'list':
      return list(keys, io);
    case 'revoke':
      return rest.length === 1 ? revoke(keys, argument, io, now) : usage(io);
    default:
      return usage(io);
  }
}

function usage(io: CommandOutput): Promise<ExitCode> {
  io.err(USAGE);
  return Promise.resolve(2);
}
