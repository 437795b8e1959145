import { takingPartPolicy } from '../../shared/circle/taking-part';
import type { EnteredCircle } from '../../shared/circle/views';
import { unpackEntered } from '../../shared/circle/wire-views';
import { ErrorCode } from '../../shared/protocol/errors';
import type { VoiceConfig } from '../../shared/protocol/answers';
import type { KnockResumeInput } from '../../shared/protocol/schemas';
import type { KnockAdmission } from '../../shared/protocol/server-events';
import { clearSteps, markStep } from '../events/timeline';
import type { KnockMemory } from './saved-knock';
import type { SessionMemory } from './saved-session';
import { showMessageScreen, type MessageKind } from '../facilitation/message-screen';
import type { Translator } from '../i18n/i18n';
import type { MicChoice } from '../lobby/mic-check';
import { showFormError } from '../lobby/lobby-forms';
import { onServerPushes } from '../net/server-pushes';
import { SignalingClient } from '../net/signaling-client';
import { byId, listen, showScreen } from '../ui/dom';
import type { StatusLine } from '../ui/status-line';
import type { StayStore } from './stay-store';

/**
 * How long the 3D view waits for voice to connect before showing anyway. On a computer drawing
 * WebGL in software, every frame holds the page up for tens of milliseconds, which would delay
 * the connections themselves; the view was built while waiting, so showing it later is quick.
 */
const VOICE_FIRST_MS = 4_000;
/**
 * How long the circle screen waits for the circle to be heard. Its first layout takes about
 * 0.1 s of a slow computer's only free core, which the connections need more; the room then
 * opens with its voices already in it. The status line says "You are in the circle" meanwhile.
 */
const SCREEN_WAIT_MS = 1_000;

/** The parts a stay starts and ends. */
export interface StayParts {
  client: SignalingClient;
  store: StayStore;
  sessions: SessionMemory;
  knocks: KnockMemory;
  status: StatusLine;
  i18n: Translator;
  lobby: {
    showJoin(code?: string): void;
    takeMicrophone(wanted?: boolean): Promise<MicChoice>;
    takeChosenMicrophone(): MicChoice | undefined;
    releaseMicrophone(): void;
  };
  voice: {
    prepare(): void;
    start(mic: MicChoice, config?: VoiceConfig): Promise<void>;
    settled(timeoutMs: number): Promise<void>;
  };
  scene: { prepare(): void; ensure(): Promise<void> };
  /** A stay ended with a closing screen of this kind (the circle itself may live on). */
  closed?(kind: MessageKind, inCircle: boolean): void;
}

/**
 * How a stay begins and ends: knocking and being let in, taking the seat back after a reload
 * or a dropped connection, and leaving by choice, by removal or because the circle ended.
 */
export class StayFlow {
  private readonly disposers: (() => void)[] = [];
  /** Counts entries, so a screen due for an entry that has since ended is not shown. */
  private entries = 0;
  /** The knock this page waits on, to take it back after a drop (and, saved, a reload). */
  private knock: KnockResumeInput | undefined;

  constructor(private readonly parts: StayParts) {
    this.wireConnection();
    this.wireButtons();
  }

  knocked(name: string, title: string, knock: KnockResumeInput, admitted?: KnockAdmission): void {
    this.knock = knock;
    this.parts.knocks.save({ ...knock, name, title });
    this.parts.store.knocked(name);
    byId('waiting-title').textContent = title;
    showScreen('waiting');
    // While they wait, everything that does not need the seat gets ready, so being let in
    // costs only the connections (measured by `npm run bench -- voice`).
    clearSteps();
    markStep('knocked');
    this.parts.voice.prepare();
    this.parts.scene.prepare();
    // The people list joins each person's details as their language joins a list. Its
    // formatter takes a slow computer about 15 ms to make: made now, not on being let in.
    this.parts.i18n.list([]);
    // A drop-in event's door stands open: straight on to the seat.
    if (admitted) void this.admitted(admitted);
  }

  /**
   * On loading: if this tab was waiting when it was reloaded, it waits again and takes its
   * place back once connected. False when there is no such knock.
   */
  waitAgain(): boolean {
    const saved = this.parts.knocks.load();
    if (!saved || this.parts.sessions.load()) return false;
    const { name, title, ...knock } = saved;
    this.knocked(name, title, knock);
    return true;
  }

  /** The server seated this page (created, admitted, or resumed). */
  entered(entered: EnteredCircle): void {
    const { store, sessions, status } = this.parts;
    const wasInCircle = store.inCircle !== undefined;
    if (!wasInCircle) markStep('entered');
    sessions.save({ code: entered.circle.code, resumeToken: entered.self.resumeToken });
    if (wasInCircle) {
      // Back after a dropped connection: the "reconnecting" line must not stay up.
      store.entered(entered);
      status.announce(this.parts.i18n.t('status.reconnected'));
      return;
    }
    status.clear();
    store.entered(entered);
    const entry = ++this.entries;
    const heard = this.startVoice(entered);
    void Promise.race([heard, delay(SCREEN_WAIT_MS)]).then(() => {
      // Ended, left or entered again meanwhile: that screen stays.
      if (this.entries !== entry || !store.inCircle) return;
      showScreen('circle');
      markStep('circle-shown');
    });
    void heard.then(() => this.parts.scene.ensure());
  }

  /** Leaves by choice; the seat is given up. */
  async leave(): Promise<void> {
    await this.parts.client.request('circle:leave', {});
    this.parts.sessions.clear();
    this.end('left');
  }

  /** The page is going away: whatever is saved stays, for the tab's next load. */
  dispose(): void {
    this.knock = undefined;
    this.end();
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /** Back to the start, saying why on a message screen when there is a reason. */
  private end(kind?: MessageKind, message?: string): void {
    if (kind !== undefined) this.forgetKnock();
    const inCircle = this.parts.store.inCircle !== undefined;
    this.parts.store.returnedToLobby();
    // The circle's lines (who came, what was written) do not follow anyone out; on a shared
    // computer they would stay readable under the closing words. The closing screen's heading
    // takes the focus, so a screen reader still hears where they are.
    this.parts.status.clear();
    this.parts.lobby.releaseMicrophone();
    byId<HTMLDialogElement>('end-dialog').close();
    if (kind) {
      showMessageScreen(this.parts.i18n, kind, message);
      this.parts.closed?.(kind, inCircle);
    }
  }

  private async admitted(admission: KnockAdmission): Promise<void> {
    this.forgetKnock();
    markStep('admitted');
    this.parts.sessions.save({ code: admission.code, resumeToken: admission.resumeToken });
    await this.resume();
  }

  /** Takes (or takes back) the seat this browser holds a token for. */
  private async resume(): Promise<void> {
    const { client, sessions, status, i18n, store } = this.parts;
    const saved = sessions.load();
    if (!saved) return;
    status.announce(i18n.t('status.resuming'));
    // A resume is never timed out and sent again: on a page busy for longer than a request's
    // timeout (WebGL set-up on a slow computer), the answer arrives late but arrives, and a
    // second resume from a socket already seated would be refused.
    const result = await client.request('circle:resume', saved, { untilAnswered: true });
    if (result.ok) {
      this.entered(unpackEntered(result.data));
      return;
    }
    if (result.error.code === ErrorCode.ConnectionLost) return; // 'connect' will try again
    sessions.clear();
    if (store.state.phase !== 'lobby') this.end('left');
    status.announce(i18n.error(result.error.code));
  }

  private forgetKnock(): void {
    this.knock = undefined;
    this.parts.knocks.clear();
  }

  /** Takes this page's knock back, in its place in the queue, after the connection dropped. */
  private async resumeKnock(): Promise<void> {
    const { client, status, i18n, store, lobby } = this.parts;
    const knock = this.knock;
    if (!knock) return;
    const result = await client.request('knock:resume', knock, { untilAnswered: true });
    if (result.ok) {
      status.announce(i18n.t('status.stillWaiting'));
      return;
    }
    if (result.error.code === ErrorCode.ConnectionLost) return; // 'connect' will try again
    // Gone while away (the hold ran out, or the hosts declined): knock again from the lobby.
    if (this.knock !== knock || store.state.phase !== 'waiting') return;
    this.forgetKnock();
    store.returnedToLobby();
    lobby.showJoin(knock.code);
    showFormError(byId('join-form'), 'code', i18n.error(ErrorCode.ConnectionLost));
  }

  /**
   * Voice first, then the 3D view: loading Babylon blocks the page for about a second, which
   * otherwise delays hearing the circle (measured by `npm run bench -- voice`). Resolves once
   * the circle is heard, or after `VOICE_FIRST_MS` at most.
   */
  private async startVoice(entered: EnteredCircle): Promise<void> {
    const { lobby, voice } = this.parts;
    const config = entered.voice;
    const self = entered.circle.members.find((m) => m.id === entered.self.memberId);
    const wantsMicrophone = self ? takingPartPolicy(self.takingPart, self.role).microphone : true;
    byId('scene-loading').hidden = false;
    // The microphone chosen in the lobby starts voice at once; after a reload there was no
    // lobby, and the microphone opens now (permission is usually kept).
    const chosen = lobby.takeChosenMicrophone();
    const started = chosen
      ? voice.start(chosen, config)
      : lobby.takeMicrophone(wantsMicrophone).then((mic) => voice.start(mic, config));
    const voiceConnected = started
      .then(() => voice.settled(VOICE_FIRST_MS))
      .catch((error: unknown) => {
        console.error('Voice could not start', error);
      });
    // Never let a slow microphone prompt or server hold the view back for longer than this.
    await Promise.race([voiceConnected, delay(VOICE_FIRST_MS)]);
  }

  private wireConnection(): void {
    const { client, store, sessions, status, i18n } = this.parts;
    const socket = client.socket;
    this.disposers.push(
      onServerPushes(socket, {
        'knock:admitted': (admission) => {
          void this.admitted(admission);
        },
        'knock:declined': ({ message }) => {
          this.end('declined', message);
        },
        'circle:ended': ({ reason, message }) => {
          sessions.clear();
          this.end(reason, message);
        },
        'session:closed': ({ reason }) => {
          if (reason === 'rate_limited' || reason === 'removed') sessions.clear();
          this.end(reason);
        },
      }),
    );
    const onConnect = () => {
      // First load with a saved seat, or a reconnect after a network drop: take the seat back.
      // Waiting (also on the first load of a tab reloaded while waiting): take the place back.
      const phase = store.state.phase;
      if (phase === 'circle' || (phase === 'lobby' && sessions.load())) void this.resume();
      if (phase === 'waiting') void this.resumeKnock();
    };
    const onDisconnect = (reason: string) => {
      const phase = store.state.phase;
      // The server holds a seat, and a knock's place, while the page reconnects by itself.
      if ((phase === 'circle' || phase === 'waiting') && reason !== 'io server disconnect') {
        status.announce(i18n.t('status.reconnecting'));
      }
    };
    const onConnectError = (error: Error) => {
      if (SignalingClient.handshakeErrorCode(error) === ErrorCode.ProtocolMismatch) {
        socket.disconnect();
        showMessageScreen(i18n, 'reload');
      }
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    this.disposers.push(() => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
    });
  }

  private wireButtons(): void {
    const { client, store, lobby } = this.parts;
    this.disposers.push(
      listen(byId('waiting-cancel'), 'click', () => {
        this.forgetKnock();
        void client.request('knock:cancel', {}).then(() => {
          store.returnedToLobby();
          lobby.showJoin();
        });
      }),
      listen(byId('message-home'), 'click', () => {
        history.replaceState(null, '', location.pathname);
        showScreen('start');
      }),
      listen(byId('message-reload'), 'click', () => {
        location.reload();
      }),
    );
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
