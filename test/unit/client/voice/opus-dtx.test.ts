import { preferOpusDtx } from '../../../../client/voice/opus-dtx';

/** An audio section as Chromium writes it, with its CRLF line ends. */
const CHROMIUM_AUDIO = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  '',
].join('\r\n');

describe('preferOpusDtx', () => {
  it("adds usedtx=1 to Opus's parameters and to nothing else, keeping the line ends", () => {
    const out = preferOpusDtx(CHROMIUM_AUDIO);
    expect(out).toContain('a=fmtp:111 minptime=10;useinbandfec=1;usedtx=1\r\n');
    expect(out).toContain('a=fmtp:63 111/111\r\n');
    expect(out.replace(';usedtx=1', '')).toBe(CHROMIUM_AUDIO);
  });

  it('leaves an explicit choice alone and is idempotent', () => {
    const off = CHROMIUM_AUDIO.replace('useinbandfec=1', 'useinbandfec=1;usedtx=0');
    expect(preferOpusDtx(off)).toBe(off);
    const once = preferOpusDtx(CHROMIUM_AUDIO);
    expect(preferOpusDtx(once)).toBe(once);
  });

  it('finds Opus under whatever payload type was negotiated, and ignores SDP without it', () => {
    const moved = CHROMIUM_AUDIO.replace(/:111 /g, ':96 ');
    expect(preferOpusDtx(moved)).toContain('a=fmtp:96 minptime=10;useinbandfec=1;usedtx=1\r\n');
    const noOpus = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 9\r\na=rtpmap:9 G722/8000\r\n';
    expect(preferOpusDtx(noOpus)).toBe(noOpus);
  });
});
