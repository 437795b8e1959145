import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { IceServer, ServerFeatures, VoiceConfig } from '../../shared/protocol/answers';
import type { VoicePolicy } from '../config';
import { issueTurnCredentials } from './turn-credentials';

/** What this server offers; a guest may ask before starting a circle. */
export function serverFeatures(policy: VoicePolicy): Pick<ServerFeatures, 'privateVoice'> {
  return { privateVoice: policy.turn !== null };
}

/**
 * The RTCConfiguration pieces one member needs. In a private circle only the TURN servers are
 * given and the browser is told to use nothing but relay candidates; otherwise STUN (if any)
 * and TURN (if any) are both offered and host candidates work on a LAN or one machine.
 * A private circle on a server without TURN (a shared store, another node's settings) gets
 * `private_voice_unavailable` rather than a configuration that could never connect.
 */
export function buildVoiceConfig(
  policy: VoicePolicy,
  params: { memberId: string; privateVoice: boolean; nowMs: number },
): VoiceConfig {
  if (params.privateVoice && !policy.turn) throw EngawaError.of(ErrorCode.PrivateVoiceUnavailable);
  const iceServers: IceServer[] = [];
  let ttlS = policy.credentialTtlS;
  if (!params.privateVoice && policy.stunUrls.length > 0) {
    iceServers.push({ urls: [...policy.stunUrls] });
  }
  if (policy.turn) {
    const issued = issueTurnCredentials({
      secret: policy.turn.secret,
      memberId: params.memberId,
      ttlS: policy.credentialTtlS,
      nowMs: params.nowMs,
    });
    ttlS = issued.ttlS;
    iceServers.push({
      urls: [...policy.turn.urls],
      username: issued.username,
      credential: issued.credential,
    });
  }
  return { iceServers, iceTransportPolicy: params.privateVoice ? 'relay' : 'all', ttlS };
}
