import type { z } from 'zod';
import type { AckCallback } from '../../shared/protocol/ack';
import { ackError, ackOk } from '../../shared/protocol/ack';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import type { ClientEventName, ClientToServerEvents } from '../../shared/protocol/events';
import { clientEventSchemas, errorCodeOfParseFailure } from '../../shared/protocol/schemas';
import type { Logger } from '../logger';
import type { EngawaSocket } from './socket-types';

export type InputOf<E extends ClientEventName> = z.infer<(typeof clientEventSchemas)[E]>;
export type AckDataOf<E extends ClientEventName> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;
export type Handler<E extends ClientEventName> = (
  socket: EngawaSocket,
  input: InputOf<E>,
) => Promise<AckDataOf<E>>;

const knownEvents = new Set<string>(Object.keys(clientEventSchemas));

/**
 * Each socket's requests run one after another. Without this, two requests sent together
 * (a double click, a retried resume) could both pass a check before either changed anything.
 */
const queues = new WeakMap<EngawaSocket, Promise<unknown>>();

function inTurn<T>(socket: EngawaSocket, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(socket) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(
    socket,
    next.catch(() => undefined),
  );
  return next;
}

export function isClientEventName(name: string): name is ClientEventName {
  return knownEvents.has(name);
}

interface RawSocket {
  on(event: string, listener: (...args: unknown[]) => void): void;
}

/** Splits Socket.IO's variadic arguments into the payload and an optional acknowledgement. */
function splitArgs(args: unknown[]): { payload: unknown; ack: (result: unknown) => void } {
  const last = args[args.length - 1];
  const ack = typeof last === 'function' ? (last as (result: unknown) => void) : () => undefined;
  const payload = typeof args[0] === 'function' ? undefined : args[0];
  return { payload, ack };
}

/**
 * Registers `handler` for `event` behind its schema: the payload is parsed (unknown keys
 * dropped) before the handler sees it, a failure answered `invalid_payload` (or the specific
 * code a schema names, such as `rules_not_accepted`), and every outcome, including a crash, becomes a typed
 * acknowledgement. Nothing a client sends can throw out of here.
 */
export function onValidated<E extends ClientEventName>(
  socket: EngawaSocket,
  event: E,
  handler: Handler<E>,
  logger: Logger,
): void {
  const schema: z.ZodType = clientEventSchemas[event];
  (socket as unknown as RawSocket).on(event, (...args: unknown[]) => {
    const { payload, ack } = splitArgs(args);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      ack(ackError(errorCodeOfParseFailure(parsed.error)));
      return;
    }
    inTurn(socket, () => handler(socket, parsed.data as InputOf<E>)).then(
      (data) => {
        ack(ackOk(data));
      },
      (error: unknown) => {
        if (error instanceof EngawaError) {
          ack(ackError(error.code, error.retryAfterS));
          return;
        }
        logger.error({ evt: 'handler.failed', event, err: error }, 'handler failed');
        ack(ackError(ErrorCode.Internal));
      },
    );
  });
}

/**
 * Answers an event nobody registered with `unknown_event` instead of silence. Called from the
 * socket middleware, after the flood guard, so a refused packet is never answered.
 */
export function answerIfUnknown(socket: EngawaSocket, packet: unknown[], logger: Logger): boolean {
  const [event, ...args] = packet;
  if (typeof event === 'string' && isClientEventName(event)) return false;
  logger.debug({ evt: 'event.unknown', socket: socket.id }, 'unknown event');
  splitArgs(args).ack(ackError(ErrorCode.UnknownEvent));
  return true;
}
