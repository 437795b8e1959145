import type { AckCallback } from './ack';
import type {
  CircleView,
  CloseReason,
  EndReason,
  EnteredCircle,
  WaitingView,
} from '../circle/views';
import type { Reaction } from '../circle/presence';
import type {
  AwaySetInput,
  CircleCreateInput,
  CircleKnockInput,
  CircleResumeInput,
  EmptyInput,
  HandSetInput,
  ReactionSendInput,
  SignalRelayInput,
  SignalPayload,
  VoiceMuteInput,
  WaitingDecisionInput,
} from './schemas';

/** Every client→server event name, in one place. Names are `domain:verb`. */
export const ClientEvent = {
  CircleCreate: 'circle:create',
  CircleKnock: 'circle:knock',
  KnockCancel: 'knock:cancel',
  CircleResume: 'circle:resume',
  CircleLeave: 'circle:leave',
  CircleEnd: 'circle:end',
  WaitingAdmit: 'waiting:admit',
  WaitingDecline: 'waiting:decline',
  SignalRelay: 'signal:relay',
  ServerFeatures: 'server:features',
  VoiceConfig: 'voice:config',
  VoiceMute: 'voice:mute',
  HandSet: 'hand:set',
  AwaySet: 'away:set',
  ReactionSend: 'reaction:send',
} as const;
export type ClientEventName = (typeof ClientEvent)[keyof typeof ClientEvent];

/** Every server→client event name. */
export const ServerEvent = {
  CircleState: 'circle:state',
  CircleEnded: 'circle:ended',
  WaitingList: 'waiting:list',
  KnockAdmitted: 'knock:admitted',
  KnockDeclined: 'knock:declined',
  SignalRelay: 'signal:relay',
  SessionClosed: 'session:closed',
  ReactionShown: 'reaction:shown',
} as const;
export type ServerEventName = (typeof ServerEvent)[keyof typeof ServerEvent];

export interface KnockAccepted {
  waitingId: string;
}

/** Sent to a waiting person when admitted; their browser then claims the seat by resuming. */
export interface KnockAdmission {
  code: string;
  memberId: string;
  resumeToken: string;
}

/** What this server offers, asked for before starting a circle. */
export interface ServerFeatures {
  /** True when a TURN server is configured, so circles can use relay-only (private) voice. */
  privateVoice: boolean;
}

/** One entry of RTCConfiguration.iceServers, with short-lived TURN credentials. */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/** Everything a member's browser needs to open peer connections in this circle. */
export interface VoiceConfig {
  iceServers: IceServer[];
  iceTransportPolicy: 'all' | 'relay';
  /** Seconds until the TURN credentials expire; ask again before then. */
  ttlS: number;
}

export interface ClientToServerEvents {
  'circle:create': (input: CircleCreateInput, ack: AckCallback<EnteredCircle>) => void;
  'circle:knock': (input: CircleKnockInput, ack: AckCallback<KnockAccepted>) => void;
  'knock:cancel': (input: EmptyInput, ack: AckCallback<null>) => void;
  'circle:resume': (input: CircleResumeInput, ack: AckCallback<EnteredCircle>) => void;
  'circle:leave': (input: EmptyInput, ack: AckCallback<null>) => void;
  'circle:end': (input: EmptyInput, ack: AckCallback<null>) => void;
  'waiting:admit': (input: WaitingDecisionInput, ack: AckCallback<null>) => void;
  'waiting:decline': (input: WaitingDecisionInput, ack: AckCallback<null>) => void;
  'signal:relay': (input: SignalRelayInput, ack: AckCallback<null>) => void;
  'server:features': (input: EmptyInput, ack: AckCallback<ServerFeatures>) => void;
  'voice:config': (input: EmptyInput, ack: AckCallback<VoiceConfig>) => void;
  'voice:mute': (input: VoiceMuteInput, ack: AckCallback<null>) => void;
  'hand:set': (input: HandSetInput, ack: AckCallback<null>) => void;
  'away:set': (input: AwaySetInput, ack: AckCallback<null>) => void;
  'reaction:send': (input: ReactionSendInput, ack: AckCallback<null>) => void;
}

export interface ServerToClientEvents {
  'circle:state': (circle: CircleView) => void;
  'circle:ended': (info: { reason: EndReason }) => void;
  'waiting:list': (waiting: WaitingView[]) => void;
  'knock:admitted': (admission: KnockAdmission) => void;
  'knock:declined': (info: Record<string, never>) => void;
  'signal:relay': (message: { from: string; signal: SignalPayload }) => void;
  'session:closed': (info: { reason: CloseReason }) => void;
  /** A member's reaction, to everyone in the circle including the sender; never stored. */
  'reaction:shown': (info: { memberId: string; reaction: Reaction }) => void;
}

/** Reserved for the scale-out adapter; nothing crosses nodes yet. */
export type InterServerEvents = Record<string, never>;

/** Sent in the Socket.IO handshake `auth` object. */
export interface HandshakeAuth {
  protocolVersion: number;
}
