import type { EnteredCircle } from '../../../../shared/circle/views';
import { recordSteps } from '../../../../client/app/steps-recording';
import { Emitter } from '../../../../client/events/emitter';
import { StayStore } from '../../../../client/stay/stay-store';
import { StepsStore } from '../../../../client/steps/steps-store';
import { circle, member } from '../facilitation/fixtures';
import { MemoryStorage } from '../steps/memory-storage';

function entered(code = 'K7QM2XPD9TR', kind: 'support' | 'oneToOne' = 'support'): EnteredCircle {
  return {
    self: { memberId: 'me', resumeToken: 't', blocked: [] },
    circle: circle({ code, kind, members: [member('me'), member('kai')], revision: 1 }),
    chat: [],
  };
}

function setup() {
  const store = new StayStore();
  const local = new MemoryStorage();
  const steps = new StepsStore(local, () => new Date(2026, 11, 3, 19));
  const speaking = new Emitter<[string, boolean]>();
  const tab = new MemoryStorage();
  const stop = recordSteps({
    store,
    steps,
    onSpeaking: (listener) => speaking.on(listener),
    session: tab,
  });
  return { store, steps, speaking, local, stop };
}

describe('recording one’s own steps', () => {
  it('counts a gathering once per circle, even across a reload in it, by its kind', () => {
    const { store, steps } = setup();
    store.entered(entered());
    store.returnedToLobby();
    // A reload in the same circle (same tab) enters it again: not another visit.
    store.entered(entered());
    store.returnedToLobby();
    store.entered(entered('ANOTHERCODE', 'oneToOne'));
    expect(steps.read().visits.map((v) => v.kind)).toEqual(['support', 'oneToOne']);
    expect(steps.read().firsts.oneToOne).toBeDefined();
  });

  it('notes writing, speaking and holding the piece as this person’s own firsts only', () => {
    const { store, steps, speaking } = setup();
    store.entered(entered());
    store.chatAdded({ id: '1', from: 'kai', name: 'Kai', text: 'hi', at: 0 });
    speaking.emit('kai', true);
    store.circleChanged(
      circle({
        members: [member('me'), member('kai')],
        revision: 2,
        piece: { holder: 'kai', heldSinceMs: 0, round: null, offeredTo: null },
      }),
    );
    expect(steps.read().firsts).toEqual({});
    store.chatAdded({ id: '2', from: 'me', name: 'Me', text: 'hello', at: 0 });
    speaking.emit('me', true);
    store.circleChanged(
      circle({
        members: [member('me'), member('kai')],
        revision: 3,
        piece: { holder: 'me', heldSinceMs: 0, round: null, offeredTo: null },
      }),
    );
    expect(Object.keys(steps.read().firsts).sort()).toEqual(['shared', 'spoke', 'wrote']);
  });

  it('reads storage once per first, and notes a first again after the record is erased', () => {
    const { store, steps, speaking, local } = setup();
    store.entered(entered());
    speaking.emit('me', true);
    const writes = local.writes;
    for (let i = 0; i < 20; i++) speaking.emit('me', i % 2 === 0);
    expect(local.writes).toBe(writes);
    steps.erase();
    speaking.emit('me', true);
    expect(steps.read().firsts.spoke).toBeDefined();
  });

  it('lets go of everything it listened to', () => {
    const { store, speaking, stop } = setup();
    const listeners = store.listenerCount;
    stop();
    expect(store.listenerCount).toBe(listeners - 1);
    expect(speaking.size).toBe(0);
  });
});
