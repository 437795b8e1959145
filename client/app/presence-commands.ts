import type { CommandBus } from '../commands/command-bus';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import type { StayStore } from '../stay/stay-store';
import type { StatusLine } from '../ui/status-line';

/**
 * What raising a hand and stepping out do: the switch flips at once on this page, the server
 * is told, and if it refuses, the switch flips back with the reason. Reactions are sent as is.
 */
export function handlePresenceCommands(
  commands: CommandBus,
  client: SignalingClient,
  status: StatusLine,
  i18n: Translator,
): (() => void)[] {
  return [
    commands.handle('hand.toggle', () => {
      const raised = !commands.state.handRaised;
      commands.set({ handRaised: raised });
      status.announce(i18n.t(raised ? 'status.youRaisedHand' : 'status.youLoweredHand'));
      void client.request('hand:set', { raised }).then((result) => {
        if (result.ok) return;
        commands.set({ handRaised: !raised });
        status.announce(i18n.error(result.error.code));
      });
    }),
    commands.handle('away.toggle', () => {
      const away = !commands.state.away;
      commands.set({ away });
      status.announce(i18n.t(away ? 'status.youSteppedOut' : 'status.youAreBack'));
      void client.request('away:set', { away }).then((result) => {
        if (result.ok) return;
        commands.set({ away: !away });
        status.announce(i18n.error(result.error.code));
      });
    }),
    commands.handle('react', ({ reaction }) => {
      // Too many too fast is refused by the server; a dropped reaction needs no message.
      void client.request('reaction:send', { reaction });
    }),
  ];
}

/** The hand and step-out switches show what the circle says of this member. */
export function followPresence(store: StayStore, commands: CommandBus): () => void {
  return store.subscribe((stay, change) => {
    if (change.kind === 'lobby') {
      commands.set({ handRaised: false, away: false, helpOpen: false });
      return;
    }
    if (stay.phase !== 'circle' || (change.kind !== 'entered' && change.kind !== 'circle')) return;
    const self = stay.circle.members.find((m) => m.id === stay.selfId);
    commands.set({
      handRaised: stay.circle.hands.includes(stay.selfId),
      away: self?.away ?? false,
    });
  });
}
