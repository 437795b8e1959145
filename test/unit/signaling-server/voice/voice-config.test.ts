import { createHmac } from 'node:crypto';
import { EngawaError, ErrorCode } from '../../../../shared/protocol/errors';
import type { VoicePolicy } from '../../../../signaling-server/config';
import { buildVoiceConfig, serverFeatures } from '../../../../signaling-server/voice/voice-config';

const T0_MS = 1_700_000_000_000;
const MEMBER_ID = 'Qx7_abc-DEF12345';
const turnUrls = ['turn:turn.example:3478?transport=udp', 'turn:turn.example:3478?transport=tcp'];

const none: VoicePolicy = { stunUrls: [], turn: null, credentialTtlS: 600 };
const stunOnly: VoicePolicy = { ...none, stunUrls: ['stun:stun.example:3478'] };
const withTurn: VoicePolicy = {
  stunUrls: ['stun:stun.example:3478'],
  turn: { urls: turnUrls, secret: 'sekrit' },
  credentialTtlS: 300,
};

describe('serverFeatures', () => {
  it('offers private voice exactly when TURN is configured', () => {
    expect(serverFeatures(none)).toEqual({ privateVoice: false });
    expect(serverFeatures(stunOnly)).toEqual({ privateVoice: false });
    expect(serverFeatures(withTurn)).toEqual({ privateVoice: true });
  });
});

describe('buildVoiceConfig', () => {
  const member = { memberId: MEMBER_ID, nowMs: T0_MS };

  it('without STUN or TURN gives no servers at all: host candidates only, nothing third-party', () => {
    expect(buildVoiceConfig(none, { ...member, privateVoice: false })).toEqual({
      iceServers: [],
      iceTransportPolicy: 'all',
      ttlS: 600,
    });
  });

  it('passes configured STUN servers on', () => {
    expect(buildVoiceConfig(stunOnly, { ...member, privateVoice: false }).iceServers).toEqual([
      { urls: ['stun:stun.example:3478'] },
    ]);
  });

  it('adds TURN with fresh credentials for this member', () => {
    const config = buildVoiceConfig(withTurn, { ...member, privateVoice: false });
    const username = `${T0_MS / 1000 + 300}:${MEMBER_ID}`;
    expect(config).toEqual({
      iceServers: [
        { urls: ['stun:stun.example:3478'] },
        {
          urls: turnUrls,
          username,
          credential: createHmac('sha1', 'sekrit').update(username).digest('base64'),
        },
      ],
      iceTransportPolicy: 'all',
      ttlS: 300,
    });
  });

  it('in a private circle gives only TURN and asks for relay candidates only', () => {
    const config = buildVoiceConfig(withTurn, { ...member, privateVoice: true });
    expect(config.iceTransportPolicy).toBe('relay');
    expect(config.iceServers).toHaveLength(1);
    expect(config.iceServers[0]?.urls).toEqual(turnUrls);
    expect(JSON.stringify(config)).not.toContain('stun:');
  });

  it('refuses a private circle when this server has no TURN', () => {
    for (const policy of [none, stunOnly]) {
      let thrown: unknown;
      try {
        buildVoiceConfig(policy, { ...member, privateVoice: true });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(EngawaError);
      expect((thrown as EngawaError).code).toBe(ErrorCode.PrivateVoiceUnavailable);
    }
  });

  it('never shares its lists with the policy', () => {
    const config = buildVoiceConfig(withTurn, { ...member, privateVoice: false });
    config.iceServers[1]?.urls.push('turn:evil.example');
    expect(withTurn.turn?.urls).toEqual(turnUrls);
  });
});
