/** Limits both ends agree on; the server enforces them, the client uses them to guide input. */
export const Limits = {
  nameMaxChars: 32,
  /** Guards against names made of long runs of combining marks. */
  nameMaxCodeUnits: 256,
  titleMaxChars: 80,
  /** A key is 47 characters; room for the spaces and line breaks a paste brings along. */
  facilitatorKeyMaxChars: 200,
  topicMaxChars: 120,
  /** Ground rules: one line each. */
  rulesMin: 1,
  rulesMax: 12,
  ruleMaxChars: 200,
  capacityMin: 2,
  capacityMax: 12,
  capacityDefault: 8,
  /** How long one person may hold the talking piece before the circle is gently told. */
  shareTimeMinS: 30,
  shareTimeMaxS: 1_200,
  shareTimeDefaultS: 180,
  waitingMax: 40,
  declineMessageMaxChars: 200,
  closingMessageMaxChars: 300,
  privateMessageMaxChars: 500,
  chatMaxChars: 500,
  /** A facilitator's announcement to everyone: short, and at most one per 20 s per sender. */
  announcementMaxChars: 200,
  announcementCooldownMs: 20_000,
  /** Chat lines a circle keeps for latecomers and reloads, newest last. */
  chatHistoryMax: 100,
  /** Chat lines one member may send per window. */
  chatBurst: 5,
  chatWindowMs: 10_000,
  reportTextMaxChars: 500,
  reportReasonsMax: 5,
  /** Largest accepted SDP; a full audio offer with data channel is ~3 KB. */
  sdpMaxChars: 12_000,
  candidateMaxChars: 1_024,
  /** Socket.IO refuses any frame above this and closes the sender. */
  maxMessageBytes: 64 * 1024,
} as const;

/** Server timing defaults, documented in docs/protocol.md. */
export const Timing = {
  memberGraceMs: 30_000,
  facilitatorGraceMs: 5 * 60_000,
  pingIntervalMs: 10_000,
  pingTimeoutMs: 8_000,
} as const;
