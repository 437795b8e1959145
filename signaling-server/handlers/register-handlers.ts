import type { CircleService } from '../circles/circle-service';
import type { Logger } from '../logger';
import type { PresenceService } from '../presence/presence-service';
import { onValidated } from '../realtime/guarded-handlers';
import type { EngawaSocket } from '../realtime/socket-types';
import type { VoiceService } from '../voice/voice-service';
import { ClientEvent } from '../../shared/protocol/events';

/** The services that answer client requests, one per domain. */
export interface RequestServices {
  circles: CircleService;
  voice: VoiceService;
  presence: PresenceService;
}

/** Wires every client event to the service for its domain. Each one passes its schema first. */
export function registerHandlers(
  socket: EngawaSocket,
  { circles, voice, presence }: RequestServices,
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
  onValidated(socket, ClientEvent.SignalRelay, (s, input) => voice.relay(s, input), logger);
  onValidated(socket, ClientEvent.ServerFeatures, () => Promise.resolve(voice.features()), logger);
  onValidated(socket, ClientEvent.VoiceConfig, (s) => voice.voiceConfig(s), logger);
  onValidated(socket, ClientEvent.VoiceMute, (s, input) => voice.setMuted(s, input.muted), logger);
  onValidated(socket, ClientEvent.HandSet, (s, input) => presence.setHand(s, input.raised), logger);
  onValidated(socket, ClientEvent.AwaySet, (s, input) => presence.setAway(s, input.away), logger);
  onValidated(
    socket,
    ClientEvent.ReactionSend,
    (s, input) => presence.react(s, input.reaction),
    logger,
  );
}
