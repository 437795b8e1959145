import type { SignalPayload } from '../../shared/protocol/schemas';

/**
 * In a private circle every ICE candidate a member hands another must be a TURN relay
 * candidate, so no member learns another's own addresses. The browsers are told to gather
 * only relay candidates (`iceTransportPolicy: 'relay'`); these checks make sure a modified or
 * misconfigured client cannot send anything else through us.
 *
 * The grammar is RFC 8839 §5.1:
 *   candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type>
 *     [raddr <address>] [rport <port>] *(<name> <value>)
 * parsed strictly (single spaces, fixed positions), so that a line we read as `typ relay` is
 * read the same way by the receiving browser; anything we cannot read is refused.
 */
const relayCandidate =
  /^(?:a=)?candidate:[^\s]+ \d+ [^\s]+ \d+ [^\s]+ \d+ typ relay((?: [^\s]+ [^\s]+)*)$/;

/** The address a relay candidate names as "related": blank, unless a browser leaks its own. */
const unspecified = new Set(['0.0.0.0', '::']);

/**
 * True for a candidate line that is a relay candidate and reveals no other address. Chromium
 * blanks a relay candidate's `raddr` (its own public address) to 0.0.0.0 under the relay-only
 * policy; one that carries a real address is refused, since it would tell the peer exactly
 * what private mode hides.
 */
export function isRelayOnlyCandidate(line: string): boolean {
  const match = relayCandidate.exec(line);
  if (!match) return false;
  const extensions = (match[1] ?? '').trim().split(' ');
  for (let i = 0; i + 1 < extensions.length; i += 2) {
    if (extensions[i] === 'raddr' && !unspecified.has(extensions[i + 1] ?? '')) return false;
  }
  return true;
}

/** Every `a=candidate` line of an SDP must be a relay candidate; other lines are not read. */
export function sdpHasOnlyRelayCandidates(sdp: string): boolean {
  for (const rawLine of sdp.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    // Case-insensitive and after any leading blanks: anything that might be taken for a
    // candidate line must pass, even if a strict parser would ignore it.
    if (!/^\s*a=candidate/i.test(line)) continue;
    if (!isRelayOnlyCandidate(line)) return false;
  }
  return true;
}

/** Whether a signal may be relayed in a private circle. */
export function isRelayOnlySignal(signal: SignalPayload): boolean {
  switch (signal.type) {
    case 'offer':
    case 'answer':
      return sdpHasOnlyRelayCandidates(signal.sdp);
    case 'candidate':
      // The empty candidate marks the end of gathering; it names no address.
      return signal.candidate.candidate === '' || isRelayOnlyCandidate(signal.candidate.candidate);
    case 'renegotiate':
    case 'transceiverRequest':
      return true;
    default:
      return assertNever(signal);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected signal ${JSON.stringify(value)}`);
}
