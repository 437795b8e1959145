import type {
  Announcement,
  ChatMessage,
  CloseReason,
  EndReason,
  ModerationState,
  PrivateMessage,
  ReportReceived,
  WaitingList,
} from '../circle/views';
import type { PackedCircleDelta } from '../circle/wire-views';
import type { WaitingDelta } from '../circle/waiting-delta';
import type { Reaction } from '../circle/presence';
import type { SignalPayload } from './schemas';

/** Sent to a waiting person when admitted; their browser then claims the seat by resuming. */
export interface KnockAdmission {
  code: string;
  memberId: string;
  resumeToken: string;
}

export interface ServerToClientEvents {
  /** What changed in the circle, from the revision the member holds to the next. */
  'circle:delta': (delta: PackedCircleDelta) => void;
  'circle:ended': (info: { reason: EndReason; message?: string }) => void;
  /** To someone who just became a co-facilitator: who is waiting, whole. */
  'waiting:list': (list: WaitingList) => void;
  /** To facilitators and co-facilitators: what changed in the waiting list. */
  'waiting:delta': (delta: WaitingDelta) => void;
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
  /** A host's announcement, to everyone in the circle except those cut off from them. */
  'announcement:shown': (announcement: Announcement) => void;
  'chat:cleared': (info: Record<string, never>) => void;
  /**
   * At a social event, someone at another table started or stopped speaking: the state only,
   * never their voice, so far tables show it and murmur. Never stored.
   */
  'member:speaking': (info: { memberId: string; speaking: boolean }) => void;
}

/** Reserved for the scale-out adapter; nothing crosses nodes yet. */
export type InterServerEvents = Record<string, never>;

/** Sent in the Socket.IO handshake `auth` object. */
export interface HandshakeAuth {
  protocolVersion: number;
}
