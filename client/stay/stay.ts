import type {
  BarredView,
  ChatMessage,
  CircleView,
  PrivateMessage,
  ReportReceived,
  WaitingView,
} from '../../shared/circle/views';

/** Reports, help alerts and private messages received in this circle. */
export type InboxItem =
  | { kind: 'report'; report: ReportReceived }
  | { kind: 'help'; memberId: string; at: number }
  | { kind: 'message'; message: PrivateMessage };

/** Enough to act on during a circle; nothing here is ever stored. */
export const INBOX_KEEP = 50;

/** Everything the page knows about a circle it sits in. */
export interface InCircle {
  readonly selfId: string;
  readonly circle: CircleView;
  /** Who is knocking (facilitators and co-facilitators only). */
  readonly waiting: readonly WaitingView[];
  /** The waiting list's revision, which its changes are numbered from (0 when not a host). */
  readonly waitingRevision: number;
  /** Members this member blocked: never heard, seen or connected to. */
  readonly blocked: ReadonlySet<string>;
  /** Who is kept out (facilitators and co-facilitators only). */
  readonly barred: readonly BarredView[];
  /** The chat so far; show it through `visibleChat`, which hides blocked members' lines. */
  readonly chat: readonly ChatMessage[];
  /** Newest first. */
  readonly inbox: readonly InboxItem[];
}

/** The page's current stay: at the start, knocking, or in a circle. */
export type Stay =
  | { readonly phase: 'lobby' }
  | { readonly phase: 'waiting'; readonly name: string }
  | ({ readonly phase: 'circle' } & InCircle);

/** What one action changed; subscribers redraw only what it touches. */
export type StayChange =
  | { kind: 'lobby' }
  | { kind: 'knocked' }
  /** Entered a circle, or took the seat back after a reconnect (`resumed`). */
  | { kind: 'entered'; resumed: boolean; fromWaitingRoom: boolean }
  | { kind: 'circle'; previous: CircleView }
  | { kind: 'waiting'; arrived: readonly WaitingView[] }
  | { kind: 'blocked' }
  | { kind: 'barred' }
  | { kind: 'chat'; added: ChatMessage }
  | { kind: 'chatCleared' }
  | { kind: 'inbox'; added: InboxItem };

export type StayChangeKind = StayChange['kind'];
