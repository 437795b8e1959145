import type { AckCallback } from './ack';
import type {
  ChatMessage,
  CirclePreview,
  CircleView,
  CloseReason,
  EndReason,
  EnteredCircle,
  ModerationState,
  PrivateMessage,
  ReportReceived,
  WaitingView,
} from '../circle/views';
import type { Reaction } from '../circle/presence';
import type {
  AwaySetInput,
  BarLiftInput,
  ChatSendInput,
  CircleCreateInput,
  CircleEndInput,
  CircleKnockInput,
  CircleLockInput,
  CirclePauseInput,
  CirclePreviewInput,
  CircleResumeInput,
  EmptyInput,
  HandSetInput,
  MemberMuteInput,
  MemberTargetInput,
  PrivateMessageInput,
  ReactionSendInput,
  ReportSendInput,
  RoleSetInput,
  RoundStartInput,
  SignalRelayInput,
  SignalPayload,
  VoiceMuteInput,
  WaitingDecisionInput,
  WaitingDeclineInput,
} from './schemas';

/** Every client→server event name, in one place. Names are `domain:verb`. */
export const ClientEvent = {
  CircleCreate: 'circle:create',
  CirclePreview: 'circle:preview',
  CircleKnock: 'circle:knock',
  KnockCancel: 'knock:cancel',
  CircleResume: 'circle:resume',
  CircleLeave: 'circle:leave',
  CircleEnd: 'circle:end',
  WaitingAdmit: 'waiting:admit',
  WaitingDecline: 'waiting:decline',
  CircleLock: 'circle:lock',
  CirclePause: 'circle:pause',
  RoleSet: 'role:set',
  PiecePass: 'piece:pass',
  PieceGive: 'piece:give',
  PieceTake: 'piece:take',
  RoundStart: 'round:start',
  RoundEnd: 'round:end',
  HandLower: 'hand:lower',
  MemberMute: 'member:mute',
  MemberRemove: 'member:remove',
  BarLift: 'bar:lift',
  MessagePrivate: 'message:private',
  MemberBlock: 'member:block',
  MemberUnblock: 'member:unblock',
  ReportSend: 'report:send',
  ChatSend: 'chat:send',
  ChatClear: 'chat:clear',
  HelpAlert: 'help:alert',
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
  ModerationState: 'moderation:state',
  KnockAdmitted: 'knock:admitted',
  KnockDeclined: 'knock:declined',
  SignalRelay: 'signal:relay',
  SessionClosed: 'session:closed',
  ReactionShown: 'reaction:shown',
  PieceTimeUp: 'piece:timeUp',
  MessagePrivate: 'message:private',
  ReportReceived: 'report:received',
  HelpAlerted: 'help:alerted',
  ChatMessage: 'chat:message',
  ChatCleared: 'chat:cleared',
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

/** The answer to `member:block` and `member:unblock`: everyone the sender has blocked now. */
export interface BlockList {
  blocked: string[];
}

/** How many facilitators (and co-facilitators) a report or help alert reached just now. */
export interface Delivery {
  delivered: number;
}

export interface ClientToServerEvents {
  'circle:create': (input: CircleCreateInput, ack: AckCallback<EnteredCircle>) => void;
  'circle:preview': (input: CirclePreviewInput, ack: AckCallback<CirclePreview>) => void;
  'circle:knock': (input: CircleKnockInput, ack: AckCallback<KnockAccepted>) => void;
  'knock:cancel': (input: EmptyInput, ack: AckCallback<null>) => void;
  'circle:resume': (input: CircleResumeInput, ack: AckCallback<EnteredCircle>) => void;
  'circle:leave': (input: EmptyInput, ack: AckCallback<null>) => void;
  'circle:end': (input: CircleEndInput, ack: AckCallback<null>) => void;
  'waiting:admit': (input: WaitingDecisionInput, ack: AckCallback<null>) => void;
  'waiting:decline': (input: WaitingDeclineInput, ack: AckCallback<null>) => void;
  'circle:lock': (input: CircleLockInput, ack: AckCallback<null>) => void;
  'circle:pause': (input: CirclePauseInput, ack: AckCallback<null>) => void;
  'role:set': (input: RoleSetInput, ack: AckCallback<null>) => void;
  'piece:pass': (input: EmptyInput, ack: AckCallback<null>) => void;
  'piece:give': (input: MemberTargetInput, ack: AckCallback<null>) => void;
  'piece:take': (input: EmptyInput, ack: AckCallback<null>) => void;
  'round:start': (input: RoundStartInput, ack: AckCallback<null>) => void;
  'round:end': (input: EmptyInput, ack: AckCallback<null>) => void;
  'hand:lower': (input: MemberTargetInput, ack: AckCallback<null>) => void;
  'member:mute': (input: MemberMuteInput, ack: AckCallback<null>) => void;
  'member:remove': (input: MemberTargetInput, ack: AckCallback<null>) => void;
  'bar:lift': (input: BarLiftInput, ack: AckCallback<null>) => void;
  'message:private': (input: PrivateMessageInput, ack: AckCallback<PrivateMessage>) => void;
  'member:block': (input: MemberTargetInput, ack: AckCallback<BlockList>) => void;
  'member:unblock': (input: MemberTargetInput, ack: AckCallback<BlockList>) => void;
  'report:send': (input: ReportSendInput, ack: AckCallback<Delivery>) => void;
  'chat:send': (input: ChatSendInput, ack: AckCallback<null>) => void;
  'chat:clear': (input: EmptyInput, ack: AckCallback<null>) => void;
  'help:alert': (input: EmptyInput, ack: AckCallback<Delivery>) => void;
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
  'circle:ended': (info: { reason: EndReason; message?: string }) => void;
  'waiting:list': (waiting: WaitingView[]) => void;
  /** To facilitators and co-facilitators whenever the barred list changes. */
  'moderation:state': (state: ModerationState) => void;
  'knock:admitted': (admission: KnockAdmission) => void;
  'knock:declined': (info: { message?: string }) => void;
  'signal:relay': (message: { from: string; signal: SignalPayload }) => void;
  'session:closed': (info: { reason: CloseReason }) => void;
  /** A member's reaction, to everyone in the circle including the sender; never stored. */
  'reaction:shown': (info: { memberId: string; reaction: Reaction }) => void;
  /** The holder has held the piece for the circle's share time; once per holding, never a cut. */
  'piece:timeUp': (info: { holder: string }) => void;
  'message:private': (message: PrivateMessage) => void;
  'report:received': (report: ReportReceived) => void;
  'help:alerted': (info: { memberId: string; at: number }) => void;
  'chat:message': (message: ChatMessage) => void;
  'chat:cleared': (info: Record<string, never>) => void;
}

/** Reserved for the scale-out adapter; nothing crosses nodes yet. */
export type InterServerEvents = Record<string, never>;

/** Sent in the Socket.IO handshake `auth` object. */
export interface HandshakeAuth {
  protocolVersion: number;
}
