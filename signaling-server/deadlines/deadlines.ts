/** What runs when a deadline falls due: the id it was set for, and its tag. */
export type DeadlineHandler = (id: string, tag: string) => Promise<void>;

/**
 * Due times kept apart from the code that set them, so that with a shared store any live node
 * can act on them: a seat held for someone who dropped, a facilitator's grace, a share-time
 * cue. Each kind has one handler, registered by its owner on every node.
 *
 * A deadline is `kind` + `id`, tagged with what it was set for (a holding of the talking piece,
 * the moment someone left). Setting it again with the same tag changes nothing, even after it
 * has fired, so it fires once per tag however many nodes see the same change. Handlers must
 * still check the state they act on: a deadline may fire just after being replaced.
 */
export interface Deadlines {
  /** Registers the one handler of a kind. */
  handle(kind: string, handler: DeadlineHandler): void;
  /** Sets (or moves) a deadline, unless it is already set with this tag. */
  set(kind: string, id: string, dueAt: number, tag: string): Promise<void>;
  /** Forgets a deadline, fired or not. */
  cancel(kind: string, id: string): Promise<void>;
  /** Deadlines set and not yet fired (on this node, for the in-memory kind). */
  pending(): Promise<number>;
  /** Stops firing here; what is stored stays for other nodes. */
  dispose(): void;
}

/** The key a deadline is stored under. */
export const deadlineKey = (kind: string, id: string): string => `${kind}:${id}`;

/** Splits a stored key back into kind and id (ids may contain ':'). */
export function parseDeadlineKey(key: string): { kind: string; id: string } | undefined {
  const at = key.indexOf(':');
  return at <= 0 ? undefined : { kind: key.slice(0, at), id: key.slice(at + 1) };
}
