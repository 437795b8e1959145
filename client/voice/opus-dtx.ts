/**
 * Asks the other side to send Opus with discontinuous transmission (RFC 7587 `usedtx=1`): while
 * someone is silent or muted, their browser sends a comfort-noise update a few times a second
 * instead of fifty packets. In a circle most people listen most of the time, so this takes most
 * of the packets, encoding and decoding out of a large circle. Speech resumes at once.
 */
export function preferOpusDtx(sdp: string): string {
  const payloadTypes = [...sdp.matchAll(/^a=rtpmap:(\d+) opus\/48000\/2\r?$/gim)].map((m) => m[1]);
  let result = sdp;
  for (const pt of payloadTypes) {
    result = result.replace(
      new RegExp(`^(a=fmtp:${pt} )(.*?)(\\r?)$`, 'm'),
      (line, head, params: string, cr) =>
        /(^|;)\s*usedtx=/.test(params) ? line : `${head}${params};usedtx=1${cr}`,
    );
  }
  return result;
}
