/**
 * What clients are told about a circle. Built by the server from its records; never contains
 * secrets (resume tokens) or anything about people still waiting, except for facilitators.
 */
export const Roles = ['facilitator', 'participant'] as const;
export type Role = (typeof Roles)[number];

export interface MemberView {
  id: string;
  name: string;
  role: Role;
  /** 0-based seat index around the ring; the facilitator starts in seat 0. */
  seat: number;
  /** False while the member's connection is lost and their seat is held for them. */
  connected: boolean;
  /** The member's own microphone switch, as they last reported it. */
  muted: boolean;
  /** Index into `AvatarColors`, chosen in the lobby. */
  color: number;
  /** Taking a quiet break: their microphone is off and others see "stepped out". */
  away: boolean;
}

export interface CircleView {
  code: string;
  title: string;
  capacity: number;
  /** Increases with every change, so a client can ignore a stale update. */
  revision: number;
  /** Voice goes only through the TURN relay, so no member learns another's IP address. */
  privateVoice: boolean;
  members: MemberView[];
  /** Member ids with a raised hand, longest-waiting first. */
  hands: string[];
}

export interface WaitingView {
  id: string;
  name: string;
  /** Milliseconds since the epoch when they knocked. */
  since: number;
}

export interface SelfView {
  memberId: string;
  /** Secret that lets this browser take its seat back after a reload. */
  resumeToken: string;
}

/** What a member receives on entering (creating, being admitted, or resuming). */
export interface EnteredCircle {
  self: SelfView;
  circle: CircleView;
  /** Present for facilitators only. */
  waiting?: WaitingView[];
}

export const EndReasons = ['ended_by_facilitator', 'facilitator_timeout'] as const;
export type EndReason = (typeof EndReasons)[number];

export const CloseReasons = ['replaced', 'rate_limited'] as const;
export type CloseReason = (typeof CloseReasons)[number];
