import type { EnteredCircle, WaitingList, WaitingView } from '../../../../shared/circle/views';
import { NoticeQueue, NOTICES_SHOWN } from '../../../../client/facilitation/notice-queue';
import { StayStore } from '../../../../client/stay/stay-store';
import { circle, member } from './fixtures';

/** Each list a newer whole one, as the server numbers them. */
let revision = 1;
function listed(waiting: WaitingView[]): WaitingList {
  revision += 1;
  return { revision, waiting };
}

function knocker(id: string): WaitingView {
  return { id, name: `name-${id}`, since: 0, connected: true, takingPart: 'speak' };
}

/** A store seated as `role`, with a queue following it. */
function setup(role: 'facilitator' | 'cofacilitator' | 'participant' = 'facilitator') {
  const store = new StayStore();
  const queue = new NoticeQueue();
  const added: string[] = [];
  store.subscribe((stay, change) => {
    for (const notice of queue.apply(stay, change)) added.push(notice.kind);
  });
  const entered: EnteredCircle = {
    self: { memberId: 'me', resumeToken: 't', blocked: [] },
    circle: circle({ members: [member('me', { role }), member('ren', { seat: 1 })] }),
    chat: [],
  };
  store.entered(entered);
  return { store, queue, added };
}

describe('NoticeQueue', () => {
  it('gives a facilitator a notice per knock, newest first, that leaves once the person is let in', () => {
    const { store, queue, added } = setup();
    store.waitingChanged(listed([knocker('w1')]));
    store.waitingChanged(listed([knocker('w1'), knocker('w2')]));
    expect(added).toEqual(['knock', 'knock']);
    expect(queue.notices.map((n) => (n.kind === 'knock' ? n.waitingId : n.kind))).toEqual([
      'w2',
      'w1',
    ]);
    store.waitingChanged(listed([knocker('w2')]));
    expect(queue.notices.map((n) => (n.kind === 'knock' ? n.name : n.kind))).toEqual(['name-w2']);
  });

  it('keeps a call for help and a report until they are looked at', () => {
    const { store, queue } = setup('cofacilitator');
    store.inboxAdded({ kind: 'help', memberId: 'ren', at: 1 });
    store.inboxAdded({
      kind: 'report',
      report: { id: 'r1', from: 'ren', reasons: ['unkind'], at: 2 },
    });
    store.waitingChanged(listed([]));
    expect(queue.notices.map((n) => n.kind)).toEqual(['report', 'help']);
    queue.dismissKind(['help', 'report']);
    expect(queue.notices).toEqual([]);
  });

  it('does not count a private message as a notice', () => {
    const { store, queue, added } = setup();
    store.inboxAdded({
      kind: 'message',
      message: { from: 'ren', to: 'me', text: 'hello', at: 1 },
    });
    expect(added).toEqual([]);
    expect(queue.notices).toEqual([]);
  });

  it('shows only the newest few, and one can be dismissed on its own', () => {
    const { store, queue } = setup();
    for (let i = 0; i < NOTICES_SHOWN + 2; i += 1) {
      store.inboxAdded({ kind: 'help', memberId: 'ren', at: i });
    }
    expect(queue.notices).toHaveLength(NOTICES_SHOWN);
    const [newest] = queue.notices;
    queue.dismiss(newest?.id ?? -1);
    expect(queue.notices).toHaveLength(NOTICES_SHOWN - 1);
    expect(queue.notices.some((n) => n.id === newest?.id)).toBe(false);
  });

  it('gives a participant nothing, and empties when the stay ends', () => {
    const participant = setup('participant');
    participant.store.inboxAdded({ kind: 'help', memberId: 'ren', at: 1 });
    expect(participant.queue.notices).toEqual([]);

    const host = setup();
    host.store.waitingChanged(listed([knocker('w1')]));
    host.store.returnedToLobby();
    expect(host.queue.notices).toEqual([]);
  });
});
