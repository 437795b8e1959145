/** What acknowledgements carry, beyond the circle views of shared/circle/views.ts. */
import type { KnockAdmission } from './server-events';

export interface KnockAccepted {
  waitingId: string;
  /**
   * Secret that lets this page take its place in the queue back after its connection drops
   * (`knock:resume`); kept only in the page's memory.
   */
  waitingToken: string;
  /** At a drop-in social event the knock is let in at once: the seat to take, as `knock:admitted`. */
  admitted?: KnockAdmission;
}

/** What this server offers, asked for before starting a circle. */
export interface ServerFeatures {
  /** True when a TURN server is configured, so circles can use relay-only (private) voice. */
  privateVoice: boolean;
  /** `keys` when only facilitators holding a key may start a circle; `open` when anyone may. */
  facilitatorAccess: 'open' | 'keys';
  /** The operator's time zone (IANA name): a gathering's date and time are on its clock. */
  timeZone: string;
  /** Minutes in Engawa on one day before a gentle note suggests a break; null for never. */
  balanceMinutes: number | null;
}

/** A facilitator key this server knows: the label its operator gave it, shown to its holder. */
export interface FacilitatorCheck {
  label: string;
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
