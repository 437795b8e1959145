import type { VoiceConfig } from '../../shared/protocol/answers';

/**
 * Voice and the pose channel share one transport from the first offer: half the candidates to
 * gather and signal, and one ICE check list and DTLS handshake per pair instead of two.
 */
export const LINK_BUNDLE_POLICY: RTCBundlePolicy = 'max-bundle';

/** How every peer connection is set up, given the ICE servers the server handed out. */
export function rtcConfiguration(config: VoiceConfig): RTCConfiguration {
  return {
    iceServers: config.iceServers,
    iceTransportPolicy: config.iceTransportPolicy,
    bundlePolicy: LINK_BUNDLE_POLICY,
  };
}
