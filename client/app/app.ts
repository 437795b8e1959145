import { isHostRole } from '../../shared/circle/facilitation';
import type { CircleView, EnteredCircle, WaitingView } from '../../shared/circle/views';
import { ErrorCode } from '../../shared/protocol/errors';
import type { KnockAdmission } from '../../shared/protocol/server-events';
import {
  announcementFor,
  membershipChanges,
  newlyWaiting,
  presenceChanges,
} from '../circle/membership-changes';
import { CommandBus } from '../commands/command-bus';
import { HelpPanel } from '../commands/help-panel';
import { wireEndDialog } from '../facilitation/end-dialog';
import { showMessageScreen } from '../facilitation/message-screen';
import { FacilitationController } from '../facilitation/facilitation-controller';
import { attachKeyboardShortcuts } from '../commands/keyboard-shortcuts';
import { OverlayControls } from '../commands/overlay-controls';
import { renderPeople } from '../circle/people-list';
import { renderWaiting } from '../circle/waiting-list';
import type { Translator } from '../i18n/i18n';
import { attachLanguageSelect } from '../i18n/language-select';
import { LobbyController } from '../lobby/lobby-controller';
import { showFormError } from '../lobby/lobby-forms';
import { stopStream } from '../voice/microphone';
import { SignalingClient } from '../net/signaling-client';
import { byId, showScreen } from '../ui/dom';
import { StatusLine } from '../ui/status-line';
import { exposeDiagnostics } from './diagnostics';
import { handlePresenceCommands } from './presence-commands';
import type { SessionMemory } from './saved-session';
import { helpResourcesText, loadHelpResources } from '../facilitation/help-resources';
import { SceneController } from './scene-controller';
import type { ViewPreference } from './view-preference';
import { VoiceController } from './voice-controller';

/** How long the 3D view waits for voice to connect before loading anyway. */
const VOICE_FIRST_MS = 1_500;

type Phase =
  | { kind: 'lobby' }
  | { kind: 'waiting'; name: string }
  | {
      kind: 'circle';
      selfId: string;
      circle: CircleView;
      waiting: WaitingView[];
      /** Members this member blocked: never heard, seen or connected to. */
      blocked: Set<string>;
    };

/**
 * The page's controller: which screen shows, what the server is asked, and how its answers
 * and pushes change the page. Views render; this decides.
 */
export class App {
  private phase: Phase = { kind: 'lobby' };
  private readonly commands = new CommandBus();
  private readonly status = new StatusLine(byId('status-line'));
  private readonly client = new SignalingClient();
  private readonly disposers: (() => void)[] = [];
  private readonly lobby: LobbyController;
  private readonly voice: VoiceController;
  private readonly scene: SceneController;
  private readonly facilitation: FacilitationController;

  constructor(
    private readonly i18n: Translator,
    private readonly sessions: SessionMemory,
    view: ViewPreference,
  ) {
    this.lobby = new LobbyController(i18n, this.client, {
      created: (entered) => {
        this.enterCircle(entered);
      },
      knocked: (name) => {
        this.phase = { kind: 'waiting', name };
        showScreen('waiting');
      },
    });
    this.voice = new VoiceController(
      i18n,
      this.client,
      this.status,
      {
        onSpeaking: (memberId, speaking) => {
          this.scene.setSpeaking(memberId, speaking);
        },
        onPose: (memberId, bytes) => {
          this.scene.receivePose(memberId, bytes);
        },
        onPeerClosed: (memberId) => {
          this.scene.forgetPose(memberId);
        },
      },
      this.commands,
    );
    this.scene = new SceneController(i18n, this.voice, this.commands, this.status, view, {
      holdingPiece: () => this.facilitation.holdingPiece(),
      helpText: async () => {
        const resources = await loadHelpResources();
        return resources && helpResourcesText(resources, i18n.locale);
      },
      alert: () => this.facilitation.alertFacilitators(),
      recentChat: (count) => this.facilitation.recentChat(count),
      report: (memberId, reason) => this.facilitation.reportMember(memberId, reason),
      block: (memberId) => this.facilitation.blockMember(memberId),
    });
    this.facilitation = new FacilitationController(i18n, this.client, this.status, {
      current: () => (this.phase.kind === 'circle' ? this.phase : undefined),
      rerender: () => {
        this.renderCircle();
      },
    });
    const overlay = new OverlayControls(this.commands, i18n);
    const help = HelpPanel.fromPage(this.commands, i18n);
    const detachKeys = attachKeyboardShortcuts(this.commands, {
      enabled: () => this.phase.kind === 'circle',
    });
    this.disposers.push(
      ...handlePresenceCommands(this.commands, this.client, this.status, i18n),
      ...this.handleCircleCommands(),
      this.scene.attachToggle(),
      () => {
        this.lobby.dispose();
      },
      () => {
        this.voice.dispose();
      },
      () => {
        overlay.dispose();
      },
      () => {
        help.dispose();
      },
      () => {
        this.facilitation.dispose();
      },
      detachKeys,
      () => {
        this.commands.dispose();
      },
    );
  }

  /** Commands about the view and the stay itself; presence ones live in presence-commands. */
  private handleCircleCommands(): (() => void)[] {
    return [
      this.commands.handle('piece.pass', () => {
        this.facilitation.passPiece();
      }),
      this.commands.handle('view.recenter', () => {
        this.scene.handle?.recenter();
      }),
      this.commands.handle('xr.enter', () => {
        void this.scene.enterXr().catch((error: unknown) => {
          console.error('Could not enter VR', error);
        });
      }),
      this.commands.handle('circle.leave', (_command, source) => {
        // In a headset a stray trigger pull is easy: leaving asks a second time there.
        if (source === 'vr' && !this.scene.confirmLeaveInXr()) return;
        void this.client.request('circle:leave', {}).then(() => {
          this.sessions.clear();
          this.leaveCircleView();
          showMessageScreen(this.i18n, 'left');
        });
      }),
    ];
  }

  start(): void {
    if (new URLSearchParams(location.search).has('diagnostics')) {
      this.disposers.push(exposeDiagnostics(this.voice, this.scene, this.commands));
    }
    this.i18n.apply(document);
    this.disposers.push(
      attachLanguageSelect(this.i18n, () => {
        this.renderCircle();
      }),
    );
    this.wireLobby();
    this.wireCircleControls();
    this.wireServerEvents();
    const code = new URLSearchParams(location.search).get('code');
    if (code) {
      this.lobby.showJoin(code);
    } else {
      showScreen('start');
    }
  }

  // ——— lobby ———

  private wireLobby(): void {
    byId('waiting-cancel').addEventListener('click', () => {
      void this.client.request('knock:cancel', {}).then(() => {
        this.phase = { kind: 'lobby' };
        this.lobby.showJoin();
      });
    });
    byId('message-home').addEventListener('click', () => {
      history.replaceState(null, '', location.pathname);
      showScreen('start');
    });
    byId('message-reload').addEventListener('click', () => {
      location.reload();
    });
  }

  // ——— entering and leaving ———

  private async admitted(admission: KnockAdmission): Promise<void> {
    this.sessions.save({ code: admission.code, resumeToken: admission.resumeToken });
    this.facilitation.expectRules();
    await this.resume();
  }

  /** Takes (or takes back) the seat this browser holds a token for. */
  private async resume(): Promise<void> {
    const saved = this.sessions.load();
    if (!saved) return;
    this.status.announce(this.i18n.t('status.resuming'));
    // A resume is never timed out and sent again: on a page busy for longer than a request's
    // timeout (WebGL set-up on a slow computer), the answer arrives late but arrives, and a
    // second resume from a socket already seated would be refused.
    const result = await this.client.request('circle:resume', saved, { untilAnswered: true });
    if (result.ok) {
      this.enterCircle(result.data);
      return;
    }
    if (result.error.code === ErrorCode.ConnectionLost) return; // 'connect' will try again
    this.sessions.clear();
    if (this.phase.kind !== 'lobby') {
      this.leaveCircleView();
      showMessageScreen(this.i18n, 'left');
    }
    this.status.announce(this.i18n.error(result.error.code));
  }

  private enterCircle(entered: EnteredCircle): void {
    const wasInCircle = this.phase.kind === 'circle';
    this.sessions.save({ code: entered.circle.code, resumeToken: entered.self.resumeToken });
    this.phase = {
      kind: 'circle',
      selfId: entered.self.memberId,
      circle: entered.circle,
      waiting: entered.waiting ?? [],
      blocked: new Set(entered.self.blocked),
    };
    this.facilitation.enter(entered);
    if (!wasInCircle) {
      showScreen('circle');
      this.status.clear();
    }
    this.renderCircle();
    this.voice.setOnline(true);
    this.status.announce(this.i18n.t('status.inCircle'));
    if (!wasInCircle) void this.enterWithVoiceFirst(entered);
  }

  /**
   * Voice first, then the 3D view: loading Babylon blocks the page for about a second, which
   * otherwise delays hearing the circle (measured by `npm run bench -- voice`).
   */
  private async enterWithVoiceFirst(entered: EnteredCircle): Promise<void> {
    byId('scene-loading').hidden = false;
    const voiceConnected = this.startVoice(entered)
      .then(() => this.voice.settled(VOICE_FIRST_MS))
      .catch((error: unknown) => {
        console.error('Voice could not start', error);
      });
    // Never let a slow microphone prompt or server hold the view back for longer than this.
    await Promise.race([
      voiceConnected,
      new Promise((resolve) => setTimeout(resolve, VOICE_FIRST_MS)),
    ]);
    if (this.phase.kind === 'circle') await this.scene.ensure(() => this.phase.kind === 'circle');
  }

  private async startVoice(entered: EnteredCircle): Promise<void> {
    // After a reload there was no lobby: open the microphone now (permission is usually kept).
    const mic = await this.lobby.takeMicrophone();
    if (this.phase.kind !== 'circle') {
      stopStream(mic.stream);
      return;
    }
    // Someone who muted and then reloaded stays muted: the server remembers their switch.
    const self = this.phase.circle.members.find((m) => m.id === entered.self.memberId);
    const startMuted = mic.startMuted || self?.muted === true;
    await this.voice.start(entered.self.memberId, this.phase.circle, { ...mic, startMuted });
  }

  private leaveCircleView(): void {
    this.phase = { kind: 'lobby' };
    this.voice.stop();
    this.lobby.releaseMicrophone();
    this.scene.dispose();
    this.facilitation.leave();
    this.commands.set({ handRaised: false, away: false, helpOpen: false });
    byId<HTMLDialogElement>('end-dialog').close();
  }

  // ——— in the circle ———

  private wireCircleControls(): void {
    this.disposers.push(
      wireEndDialog((message) => {
        void this.client.request('circle:end', message === undefined ? {} : { message });
      }),
    );
    byId('copy-link').addEventListener('click', () => {
      if (this.phase.kind !== 'circle') return;
      const link = `${location.origin}/?code=${encodeURIComponent(this.phase.circle.code)}`;
      void navigator.clipboard.writeText(link).then(
        () => {
          this.status.announce(this.i18n.t('circle.copied'));
        },
        () => {
          byId<HTMLInputElement>('invite-link').select();
        },
      );
    });
  }

  private renderCircle(): void {
    if (this.phase.kind !== 'circle') return;
    const { circle, selfId, waiting } = this.phase;
    const self = circle.members.find((m) => m.id === selfId);
    const isFacilitator = self?.role === 'facilitator';
    const isHost = self !== undefined && isHostRole(self.role);
    byId('circle-title').textContent = circle.title;
    byId('circle-code').textContent = circle.code;
    byId<HTMLInputElement>('invite-link').value =
      `${location.origin}/?code=${encodeURIComponent(circle.code)}`;
    byId('facilitator-console').hidden = !isHost;
    byId('leave-circle').hidden = isFacilitator;
    byId('end-circle').hidden = !isFacilitator;
    renderPeople(
      byId('people-list'),
      circle.members,
      {
        selfId,
        speaking: this.voice.speakingNow,
        volumes: this.voice.volumeLevels,
        onVolume: (memberId, volume) => {
          this.voice.setVolume(memberId, volume);
        },
        holder: circle.piece.holder,
        rowMenu: (member) => this.facilitation.rowMenu(member),
        blocked: this.phase.blocked,
      },
      this.i18n,
    );
    const { blocked } = this.phase;
    this.voice.update(circle, blocked);
    this.commands.set({
      handRaised: circle.hands.includes(selfId),
      away: self?.away ?? false,
    });
    this.facilitation.render();
    if (isHost) {
      renderWaiting(byId('waiting-list'), byId('waiting-empty'), waiting, this.i18n, {
        admit: (id) => void this.decide('waiting:admit', id),
        decline: (id) => void this.decide('waiting:decline', id),
      });
    }
    this.scene.update(
      { ...circle, members: circle.members.filter((m) => !blocked.has(m.id)) },
      selfId,
    );
  }

  private async decide(
    event: 'waiting:admit' | 'waiting:decline',
    waitingId: string,
  ): Promise<void> {
    const result = await this.client.request(event, { waitingId });
    if (!result.ok) this.status.announce(this.i18n.error(result.error.code));
  }

  private circleChanged(next: CircleView): void {
    if (this.phase.kind !== 'circle' || next.revision <= this.phase.circle.revision) return;
    const changes = [
      ...membershipChanges(this.phase.circle.members, next.members),
      ...presenceChanges(this.phase.circle, next),
    ];
    this.phase.circle = next;
    this.renderCircle();
    for (const change of changes) {
      const message = announcementFor(change, this.phase.selfId, this.i18n);
      if (message) this.status.announce(message);
    }
  }

  private waitingChanged(waiting: WaitingView[]): void {
    if (this.phase.kind !== 'circle') return;
    const arrived = newlyWaiting(this.phase.waiting, waiting);
    this.phase.waiting = waiting;
    this.renderCircle();
    for (const person of arrived) {
      this.status.announce(this.i18n.t('status.knocking', { name: person.name }));
    }
  }

  // ——— server pushes and connection ———

  private wireServerEvents(): void {
    const socket = this.client.socket;
    socket.on('connect', () => {
      // First load with a saved seat, or a reconnect after a network drop: take the seat back.
      if (this.phase.kind === 'circle' || (this.phase.kind === 'lobby' && this.sessions.load())) {
        void this.resume();
      }
    });
    socket.on('disconnect', (reason) => {
      this.voice.setOnline(false);
      if (this.phase.kind === 'circle' && reason !== 'io server disconnect') {
        this.status.announce(this.i18n.t('status.reconnecting'));
      }
      if (this.phase.kind === 'waiting') {
        // A waiting knock does not survive the connection; knock again once back.
        this.phase = { kind: 'lobby' };
        this.lobby.showJoin();
        showFormError(byId('join-form'), 'code', this.i18n.error(ErrorCode.ConnectionLost));
      }
    });
    socket.on('connect_error', (error) => {
      if (SignalingClient.handshakeErrorCode(error) === ErrorCode.ProtocolMismatch) {
        socket.disconnect();
        showMessageScreen(this.i18n, 'reload');
      }
    });
    socket.on('circle:state', (circle) => {
      this.circleChanged(circle);
    });
    socket.on('waiting:list', (waiting) => {
      this.waitingChanged(waiting);
    });
    socket.on('knock:admitted', (admission) => {
      void this.admitted(admission);
    });
    socket.on('reaction:shown', ({ memberId, reaction }) => {
      if (this.phase.kind !== 'circle') return;
      this.scene.showReaction(memberId, reaction);
      const member = this.phase.circle.members.find((m) => m.id === memberId);
      if (member && memberId !== this.phase.selfId) {
        this.status.announce(
          this.i18n.t('status.reacted', {
            name: member.name,
            reaction: this.i18n.t(`reaction.${reaction}`),
          }),
        );
      }
    });
    socket.on('signal:relay', ({ from, signal }) => {
      this.voice.handleSignal(from, signal);
    });
    socket.on('knock:declined', ({ message }) => {
      this.phase = { kind: 'lobby' };
      this.lobby.releaseMicrophone();
      showMessageScreen(this.i18n, 'declined', message);
    });
    socket.on('circle:ended', ({ reason, message }) => {
      this.sessions.clear();
      this.leaveCircleView();
      showMessageScreen(this.i18n, reason, message);
    });
    socket.on('session:closed', ({ reason }) => {
      if (reason === 'rate_limited' || reason === 'removed') this.sessions.clear();
      this.leaveCircleView();
      showMessageScreen(this.i18n, reason);
    });
    this.disposers.push(() => {
      this.client.dispose();
    });
  }

  dispose(): void {
    this.leaveCircleView();
    for (const dispose of this.disposers.splice(0)) dispose();
  }
}
