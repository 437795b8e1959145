import type { CircleService } from '../circles/circle-service';
import type { Logger } from '../logger';
import { onValidated } from '../realtime/guarded-handlers';
import type { EngawaSocket } from '../realtime/socket-types';
import { ClientEvent } from '../../shared/protocol/events';

/** Wires every client event to the circle service. Each one passes its schema first. */
export function registerHandlers(
  socket: EngawaSocket,
  circles: CircleService,
  logger: Logger,
): void {
  onValidated(socket, ClientEvent.CircleCreate, (s, input) => circles.create(s, input), logger);
  onValidated(socket, ClientEvent.CircleKnock, (s, input) => circles.knock(s, input), logger);
  onValidated(socket, ClientEvent.KnockCancel, (s) => circles.cancelKnock(s), logger);
  onValidated(socket, ClientEvent.CircleResume, (s, input) => circles.resume(s, input), logger);
  onValidated(socket, ClientEvent.CircleLeave, (s) => circles.leave(s), logger);
  onValidated(socket, ClientEvent.CircleEnd, (s) => circles.end(s), logger);
  onValidated(
    socket,
    ClientEvent.WaitingAdmit,
    (s, input) => circles.admit(s, input.waitingId),
    logger,
  );
  onValidated(
    socket,
    ClientEvent.WaitingDecline,
    (s, input) => circles.decline(s, input.waitingId),
    logger,
  );
  onValidated(socket, ClientEvent.SignalRelay, (s, input) => circles.relay(s, input), logger);
  onValidated(
    socket,
    ClientEvent.ServerFeatures,
    () => Promise.resolve(circles.features()),
    logger,
  );
  onValidated(socket, ClientEvent.VoiceConfig, (s) => circles.voiceConfig(s), logger);
  onValidated(
    socket,
    ClientEvent.VoiceMute,
    (s, input) => circles.setMuted(s, input.muted),
    logger,
  );
}
