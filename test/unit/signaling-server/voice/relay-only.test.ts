import type { SignalPayload } from '../../../../shared/protocol/schemas';
import {
  isRelayOnlyCandidate,
  isRelayOnlySignal,
  sdpHasOnlyRelayCandidates,
} from '../../../../signaling-server/voice/relay-only';

/** Candidate lines as Chromium writes them under iceTransportPolicy 'relay'. */
const relay = 'candidate:3 1 udp 41885439 203.0.113.7 50123 typ relay raddr 0.0.0.0 rport 0';
const relayV6 = 'candidate:4 1 udp 41886207 2001:db8::7 50124 typ relay raddr :: rport 0';
const relayExtended =
  'candidate:5 1 udp 25108223 203.0.113.7 50125 typ relay raddr 0.0.0.0 rport 0 generation 0 ufrag abcd network-id 1';
const relayBare = 'candidate:6 1 udp 41885439 203.0.113.7 50126 typ relay';
const host = 'candidate:1 1 udp 2122260223 192.168.1.20 54400 typ host generation 0';
const mdnsHost =
  'candidate:1 1 udp 2122260223 4b1e5f5c-0c8a-4c4e-9d1d-1f2e3d4c5b6a.local 54400 typ host';
const srflx =
  'candidate:2 1 udp 1686052607 198.51.100.4 61000 typ srflx raddr 192.168.1.20 rport 54400';
const tcpHost = 'candidate:7 1 tcp 1518280447 192.168.1.20 9 typ host tcptype active';

describe('isRelayOnlyCandidate', () => {
  it.each([
    ['IPv4 relay', relay],
    ['IPv6 relay', relayV6],
    ['relay with more extensions', relayExtended],
    ['relay without related address', relayBare],
    ['relay with an a= prefix', `a=${relay}`],
    ['Firefox style transport', 'candidate:0 1 UDP 92217087 203.0.113.7 50127 typ relay'],
  ])('accepts %s', (_, line) => {
    expect(isRelayOnlyCandidate(line)).toBe(true);
  });

  it.each([
    ['host', host],
    ['mDNS host', mdnsHost],
    ['server reflexive', srflx],
    ['TCP host', tcpHost],
    ['peer reflexive', 'candidate:8 1 udp 1845501695 198.51.100.4 61001 typ prflx'],
    [
      'relay that names its own public address',
      relay.replace('raddr 0.0.0.0', 'raddr 198.51.100.4'),
    ],
    ['relay that names a LAN address', relayV6.replace('raddr ::', 'raddr fe80::1')],
    ['"typ relay" too late, after a real type', `${host} typ relay`],
    ['"typ relay" hidden in an extension', `${host} x typ relay`],
    ['double spaces', relay.replace(' typ ', '  typ ')],
    ['a tab', relay.replace(' typ', '\ttyp')],
    ['leading space', ` ${relay}`],
    ['trailing space', `${relay} `],
    ['a second line', `${relay}\r\na=${host}`],
    ['a newline only', `${relay}\n${host}`],
    ['upper-case type', relay.replace('relay', 'RELAY')],
    ['upper-case prefix', relay.replace('candidate:', 'CANDIDATE:')],
    ['missing port', 'candidate:3 1 udp 41885439 203.0.113.7 typ relay'],
    ['garbage', 'typ relay'],
    ['an empty string', ''],
  ])('refuses %s', (_, line) => {
    expect(isRelayOnlyCandidate(line)).toBe(false);
  });
});

function sdp(...candidates: string[]): string {
  return [
    'v=0',
    'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'c=IN IP4 0.0.0.0',
    'a=ice-ufrag:abcd',
    ...candidates.map((c) => `a=${c}`),
    'a=end-of-candidates',
    'a=rtpmap:111 opus/48000/2',
    '',
  ].join('\r\n');
}

describe('sdpHasOnlyRelayCandidates', () => {
  it('accepts SDP with no candidates or only relay candidates', () => {
    expect(sdpHasOnlyRelayCandidates(sdp())).toBe(true);
    expect(sdpHasOnlyRelayCandidates(sdp(relay, relayV6, relayExtended))).toBe(true);
    expect(sdpHasOnlyRelayCandidates(sdp(relay).replaceAll('\r\n', '\n'))).toBe(true);
    expect(sdpHasOnlyRelayCandidates('')).toBe(true);
  });

  it.each([
    ['a host candidate among relays', sdp(relay, host)],
    ['an mDNS host candidate', sdp(mdnsHost)],
    ['a server-reflexive candidate', sdp(relay, srflx)],
    ['a candidate line in another case', sdp(relay) + `A=CANDIDATE:${host.slice(10)}\r\n`],
    ['an indented candidate line', sdp(relay) + ` a=${host}\r\n`],
    ['a relay line leaking its raddr', sdp(relay.replace('0.0.0.0', '192.168.1.20'))],
  ])('refuses %s', (_, text) => {
    expect(sdpHasOnlyRelayCandidates(text)).toBe(false);
  });
});

describe('isRelayOnlySignal', () => {
  const candidate = (line: string): SignalPayload => ({
    type: 'candidate',
    candidate: { candidate: line, sdpMid: '0', sdpMLineIndex: 0 },
  });

  it('passes relay candidates, end-of-candidates and signals that carry no address', () => {
    const passing: SignalPayload[] = [
      candidate(relay),
      candidate(''),
      { type: 'offer', sdp: sdp(relay) },
      { type: 'answer', sdp: sdp() },
      { type: 'renegotiate' },
      { type: 'transceiverRequest', kind: 'audio' },
    ];
    for (const signal of passing) expect(isRelayOnlySignal(signal)).toBe(true);
  });

  it('stops any signal that names a host or reflexive address', () => {
    const stopped: SignalPayload[] = [
      candidate(host),
      candidate(srflx),
      candidate(' '),
      { type: 'offer', sdp: sdp(relay, host) },
      { type: 'answer', sdp: sdp(srflx) },
    ];
    for (const signal of stopped) expect(isRelayOnlySignal(signal)).toBe(false);
  });
});
