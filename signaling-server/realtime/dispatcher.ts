import type { z } from 'zod';
import { ackError, ackOk } from '../../shared/protocol/ack';
import {
  clientEvents,
  isClientEventName,
  type AnswerOf,
  type ClientEventName,
  type ParsedInput,
} from '../../shared/protocol/client-events';
import { EngawaError, ErrorCode } from '../../shared/protocol/errors';
import { errorCodeOfParseFailure } from '../../shared/protocol/schemas';
import type { IdentityResolver } from '../circles/identity-resolver';
import type { Logger } from '../logger';
import { guardRequest, type CallerOf } from './request-guard';
import type { EngawaSocket } from './socket-types';

export type Handler<E extends ClientEventName> = (
  caller: CallerOf<E>,
  input: ParsedInput<E>,
) => Promise<AnswerOf<E>>;

/**
 * One handler for every client event. An event without a handler, or a handler for an event the
 * table does not have, does not compile.
 */
export type HandlerTable = { [E in ClientEventName]: Handler<E> };

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

/** Splits Socket.IO's variadic arguments into the payload and an optional acknowledgement. */
function splitArgs(args: unknown[]): { payload: unknown; ack: (result: unknown) => void } {
  const last = args[args.length - 1];
  const ack = typeof last === 'function' ? (last as (result: unknown) => void) : () => undefined;
  const payload = typeof args[0] === 'function' ? undefined : args[0];
  return { payload, ack };
}

/**
 * Creates the server's one dispatcher, shared by every socket: a packet's event is looked up in
 * the table, its payload parsed by the event's schema (unknown keys dropped) before the handler
 * sees it, the sender is resolved against the store and checked against the event's sender rule
 * (`request-guard.ts`), and every outcome, a crash included, becomes a typed acknowledgement. A failed parse
 * is answered `invalid_payload` (or the specific code a schema names, such as
 * `rules_not_accepted`), an event nobody knows `unknown_event`. Nothing a client sends can
 * throw out of here. No listener or closure is kept per socket.
 */
export function createDispatcher(
  handlers: HandlerTable,
  logger: Logger,
  resolver: IdentityResolver,
  hooks: {
    /** Runs after each request, once its outcome is known: who the socket is may have changed. */
    afterRequest?: (socket: EngawaSocket) => void;
    /** True while the shared store cannot be reached: a failure then is that, not a bug. */
    storeUnavailable?: () => boolean;
  } = {},
): (socket: EngawaSocket, packet: unknown[]) => void {
  const afterRequest = hooks.afterRequest ?? (() => undefined);
  return (socket, packet) => {
    const [event, ...args] = packet;
    const { payload, ack } = splitArgs(args);
    if (!isClientEventName(event)) {
      logger.debug({ evt: 'event.unknown', socket: socket.id }, 'unknown event');
      ack(ackError(ErrorCode.UnknownEvent));
      return;
    }
    const schema: z.ZodType = clientEvents[event].schema;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      ack(ackError(errorCodeOfParseFailure(parsed.error)));
      return;
    }
    const handler = handlers[event] as (caller: unknown, input: unknown) => Promise<unknown>;
    const { sender } = clientEvents[event];
    // Who sent it is resolved in turn too: an earlier request may just have seated them.
    inTurn(socket, async () =>
      handler(await guardRequest(socket, sender, resolver), parsed.data),
    ).then(
      (data) => {
        afterRequest(socket);
        ack(ackOk(data));
      },
      (error: unknown) => {
        afterRequest(socket);
        if (error instanceof EngawaError) {
          ack(ackError(error.code, error.retryAfterS));
          return;
        }
        if (hooks.storeUnavailable?.() === true) {
          logger.debug({ evt: 'handler.store_unavailable', event }, 'store unavailable');
          ack(ackError(ErrorCode.StoreUnavailable));
          return;
        }
        logger.error({ evt: 'handler.failed', event, err: error }, 'handler failed');
        ack(ackError(ErrorCode.Internal));
      },
    );
  };
}
