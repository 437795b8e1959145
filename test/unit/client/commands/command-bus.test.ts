import { CommandBus, initialCommandState } from '../../../../client/commands/command-bus';
import type { Reaction } from '../../../../shared/circle/presence';

describe('CommandBus commands', () => {
  it('runs the handler registered for the command type, with its source', () => {
    const bus = new CommandBus();
    const hand = jest.fn();
    const away = jest.fn();
    bus.handle('hand.toggle', hand);
    bus.handle('away.toggle', away);
    expect(bus.run({ type: 'hand.toggle' }, 'keyboard')).toBe(true);
    expect(hand).toHaveBeenCalledWith({ type: 'hand.toggle' }, 'keyboard');
    expect(away).not.toHaveBeenCalled();
  });

  it('hands a handler its own narrowed command', () => {
    const bus = new CommandBus();
    const seen: Reaction[] = [];
    bus.handle('react', (command) => {
      // Compiles only because `command` is narrowed to the react variant.
      seen.push(command.reaction);
    });
    bus.run({ type: 'react', reaction: 'wave' }, 'vr');
    bus.run({ type: 'react', reaction: 'thanks' }, 'overlay');
    expect(seen).toEqual(['wave', 'thanks']);
  });

  it('answers false for a command nobody handles, and tells no listener', () => {
    const bus = new CommandBus();
    const listener = jest.fn();
    bus.onRun(listener);
    expect(bus.run({ type: 'xr.enter' }, 'overlay')).toBe(false);
    expect(listener).not.toHaveBeenCalled();
  });

  it('refuses a second handler for the same type and keeps the first', () => {
    const bus = new CommandBus();
    const first = jest.fn();
    bus.handle('mute.toggle', first);
    expect(() => bus.handle('mute.toggle', jest.fn())).toThrow(/mute\.toggle/);
    bus.run({ type: 'mute.toggle' }, 'keyboard');
    expect(first).toHaveBeenCalledTimes(1);
  });

  it('lets a handler be removed, after which the type can be handled again', () => {
    const bus = new CommandBus();
    const first = jest.fn();
    const remove = bus.handle('view.recenter', first);
    expect(bus.has('view.recenter')).toBe(true);
    remove();
    expect(bus.has('view.recenter')).toBe(false);
    expect(bus.run({ type: 'view.recenter' }, 'vr')).toBe(false);
    const second = jest.fn();
    bus.handle('view.recenter', second);
    remove(); // a stale removal must not drop the new handler
    bus.run({ type: 'view.recenter' }, 'vr');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('tells onRun listeners after the handler ran, until they unsubscribe', () => {
    const bus = new CommandBus();
    const order: string[] = [];
    bus.handle('hand.toggle', () => order.push('handler'));
    const unsubscribe = bus.onRun((command, source) => order.push(`${command.type}/${source}`));
    bus.run({ type: 'hand.toggle' }, 'vr');
    unsubscribe();
    bus.run({ type: 'hand.toggle' }, 'vr');
    expect(order).toEqual(['handler', 'hand.toggle/vr', 'handler']);
  });
});

describe('CommandBus state', () => {
  it('starts from the defaults, with any initial values given', () => {
    expect(new CommandBus().state).toEqual(initialCommandState);
    expect(new CommandBus({ muted: true }).state).toEqual({ ...initialCommandState, muted: true });
  });

  it('calls a subscriber at once, then on every real change with the previous state', () => {
    const bus = new CommandBus();
    const listener = jest.fn();
    bus.subscribe(listener);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenLastCalledWith(initialCommandState, initialCommandState);
    bus.set({ handRaised: true });
    expect(listener).toHaveBeenCalledTimes(2);
    expect(listener).toHaveBeenLastCalledWith(
      { ...initialCommandState, handRaised: true },
      initialCommandState,
    );
    bus.set({ handRaised: true });
    bus.set({});
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('keeps parts not being set, and ignores values that are not booleans', () => {
    const bus = new CommandBus({ muted: true });
    bus.set({ away: true });
    bus.set({ muted: undefined });
    expect(bus.state).toEqual({ ...initialCommandState, muted: true, away: true });
  });

  it('gives out a state that cannot be changed behind its back', () => {
    const bus = new CommandBus();
    const state = bus.state;
    expect(Object.isFrozen(state)).toBe(true);
    bus.set({ away: true });
    expect(state.away).toBe(false);
  });

  it('stops calling a subscriber once it unsubscribes', () => {
    const bus = new CommandBus();
    const listener = jest.fn();
    const unsubscribe = bus.subscribe(listener);
    unsubscribe();
    bus.set({ muted: true });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('lets a handler change the state, which subscribers then see', () => {
    const bus = new CommandBus();
    bus.handle('away.toggle', () => {
      bus.set({ away: !bus.state.away });
    });
    const seen: boolean[] = [];
    bus.subscribe((state) => seen.push(state.away));
    bus.run({ type: 'away.toggle' }, 'keyboard');
    bus.run({ type: 'away.toggle' }, 'overlay');
    expect(seen).toEqual([false, true, false]);
  });
});

describe('CommandBus.dispose', () => {
  it('drops handlers, listeners and subscribers, and resets the state', () => {
    const bus = new CommandBus({ pushToTalk: true });
    const handler = jest.fn();
    const runListener = jest.fn();
    const subscriber = jest.fn();
    bus.handle('hand.toggle', handler);
    bus.onRun(runListener);
    bus.subscribe(subscriber);
    bus.dispose();
    expect(bus.run({ type: 'hand.toggle' }, 'keyboard')).toBe(false);
    bus.set({ muted: true });
    expect(handler).not.toHaveBeenCalled();
    expect(runListener).not.toHaveBeenCalled();
    expect(subscriber).toHaveBeenCalledTimes(1);
    expect(bus.state.pushToTalk).toBe(false);
    expect(() => bus.handle('hand.toggle', jest.fn())).not.toThrow();
  });
});
