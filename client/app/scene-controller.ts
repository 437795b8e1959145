import type { Reaction } from '../../shared/circle/presence';
import type { CircleView } from '../../shared/circle/views';
import type { CommandBus } from '../commands/command-bus';
import type { Translator } from '../i18n/i18n';
import type { CircleSceneHandle, SceneXrHooks } from '../scene/scene-handle';
import { seatListener } from '../scene/seat-layout';
import { byId } from '../ui/dom';
import type { StatusLine } from '../ui/status-line';
import type { MenuButtonId, MenuPage } from '../xr/menu-layout';
import type { MenuView } from '../xr/wrist-menu';
import { immersiveVrSupported } from '../xr/xr-support';
import type { ViewPreference } from './view-preference';
import type { VoiceController } from './voice-controller';

/** What the headset menu reads and does beyond commands: the piece, help and chat. */
export interface MenuSources {
  holdingPiece(): boolean;
  /** The places to turn to, as lines to read; undefined when they cannot be loaded. */
  helpText(): Promise<string | undefined>;
  /** Tells the facilitators privately; how many it reached, or undefined on failure. */
  alert(): Promise<number | undefined>;
  /** The latest chat lines, oldest first. */
  recentChat(): { name: string; text: string }[];
}

/** Chat lines the headset menu shows, each cut to what its panel holds. */
const MENU_CHAT_LINES = 6;
const MENU_CHAT_CHARS = 90;

/**
 * The 3D circle on the page: loads it lazily, keeps it in step with the circle, carries poses
 * between it and the voice mesh, and connects the headset's controls to the command layer.
 * With the 3D view turned off (the simple view), nothing is drawn and the ears sit at the seat.
 */
export class SceneController {
  private scene: CircleSceneHandle | undefined;
  private loading: Promise<void> | undefined;
  private xrSupported: Promise<boolean> | undefined;
  private confirmingLeave = false;
  private latest: { circle: CircleView; selfId: string } | undefined;
  private stillWanted: () => boolean = () => false;
  private menuPage: Exclude<MenuPage, 'controls'> = 'main';
  private helpText: string | undefined;
  private alertNote = '';

  constructor(
    private readonly i18n: Translator,
    private readonly voice: VoiceController,
    private readonly commands: CommandBus,
    private readonly status: StatusLine,
    private readonly preference: ViewPreference,
    private readonly menu: MenuSources,
  ) {}

  /** Connects the page's "3D view" switch; returns what undoes that. */
  attachToggle(): () => void {
    const toggle = byId<HTMLInputElement>('view-3d');
    toggle.checked = this.preference.show3d;
    const onChange = () => {
      void this.setShow3d(toggle.checked);
    };
    toggle.addEventListener('change', onChange);
    return () => {
      toggle.removeEventListener('change', onChange);
    };
  }

  get show3d(): boolean {
    return this.preference.show3d;
  }

  async setShow3d(on: boolean): Promise<void> {
    if (on === this.preference.show3d) return;
    this.preference.show3d = on;
    byId<HTMLInputElement>('view-3d').checked = on;
    this.status.announce(this.i18n.t(on ? 'view.on' : 'view.off'));
    if (on) {
      byId('scene-off').hidden = true;
      await this.ensure(this.stillWanted);
    } else {
      this.closeScene();
      if (this.stillWanted()) this.showSimpleView();
    }
  }

  get handle(): CircleSceneHandle | undefined {
    return this.scene;
  }

  /** Loads the 3D view once per stay in a circle; `stillWanted` guards a leave meanwhile. */
  async ensure(stillWanted: () => boolean): Promise<void> {
    this.stillWanted = stillWanted;
    if (!this.preference.show3d) {
      this.showSimpleView();
      return;
    }
    if (this.scene || this.loading) return this.loading;
    byId('scene-canvas').hidden = false;
    const indicator = byId('scene-loading');
    indicator.hidden = false;
    this.xrSupported ??= immersiveVrSupported();
    this.loading = (async () => {
      const [{ startCircleScene }, xr] = await Promise.all([
        import(/* webpackChunkName: "scene" */ '../scene/circle-scene'),
        this.xrSupported,
      ]);
      const scene = await startCircleScene({
        canvas: byId<HTMLCanvasElement>('scene-canvas'),
        onListener: (pose) => {
          this.voice.setListener(pose);
        },
        sendPose: (bytes) => {
          this.voice.broadcast(bytes);
        },
        xr: xr ? this.xrHooks() : undefined,
      });
      // Left the circle, or switched to the simple view, while it loaded.
      if (!stillWanted() || !this.preference.show3d) {
        scene.dispose();
        return;
      }
      this.scene = scene;
      indicator.hidden = true;
      this.commands.set({ xrAvailable: xr === true });
      this.render();
    })();
    await this.loading.catch((error: unknown) => {
      console.error('The 3D view could not start', error);
      indicator.hidden = true;
    });
    this.loading = undefined;
  }

  update(circle: CircleView, selfId: string): void {
    this.latest = { circle, selfId };
    this.render();
    if (!this.preference.show3d) this.placeEarsAtSeat();
  }

  setSpeaking(memberId: string, speaking: boolean): void {
    this.scene?.setSpeaking(memberId, speaking);
  }

  showReaction(memberId: string, reaction: Reaction): void {
    this.scene?.showReaction(memberId, reaction);
  }

  receivePose(memberId: string, bytes: Uint8Array): void {
    this.scene?.receivePose(memberId, bytes);
  }

  forgetPose(memberId: string): void {
    this.scene?.forgetPose(memberId);
  }

  async enterXr(): Promise<void> {
    await this.scene?.enterXr();
  }

  /** Asks a second time before leaving from the headset, where a stray click is easy. */
  confirmLeaveInXr(): boolean {
    if (this.confirmingLeave) return true;
    this.confirmingLeave = true;
    return false;
  }

  dispose(): void {
    this.closeScene();
    this.latest = undefined;
    this.stillWanted = () => false;
    this.confirmingLeave = false;
    byId('scene-off').hidden = true;
  }

  private closeScene(): void {
    this.scene?.dispose();
    this.scene = undefined;
    this.confirmingLeave = false;
    byId('scene-canvas').hidden = true;
    byId('scene-loading').hidden = true;
    this.commands.set({ xrAvailable: false });
  }

  private showSimpleView(): void {
    byId('scene-canvas').hidden = true;
    byId('scene-loading').hidden = true;
    byId('scene-off').hidden = false;
    this.placeEarsAtSeat();
  }

  private placeEarsAtSeat(): void {
    if (!this.latest) return;
    const { circle, selfId } = this.latest;
    const self = circle.members.find((m) => m.id === selfId);
    if (self) this.voice.setListener(seatListener(self.seat, circle.capacity));
  }

  private render(): void {
    if (!this.scene || !this.latest) return;
    const { circle, selfId } = this.latest;
    this.scene.update({
      members: circle.members,
      selfId,
      capacity: circle.capacity,
      hands: circle.hands,
      pieceHolder: circle.piece.holder,
      labels: { steppedOut: this.i18n.t('presence.steppedOut') },
    });
  }

  private xrHooks(): SceneXrHooks {
    const menuCommands: Record<MenuButtonId, () => void> = {
      mute: () => this.commands.run({ type: 'mute.toggle' }, 'vr'),
      hand: () => this.commands.run({ type: 'hand.toggle' }, 'vr'),
      'react-nod': () => this.commands.run({ type: 'react', reaction: 'nod' }, 'vr'),
      'react-heart': () => this.commands.run({ type: 'react', reaction: 'heart' }, 'vr'),
      'react-metoo': () => this.commands.run({ type: 'react', reaction: 'metoo' }, 'vr'),
      'react-wave': () => this.commands.run({ type: 'react', reaction: 'wave' }, 'vr'),
      'react-thanks': () => this.commands.run({ type: 'react', reaction: 'thanks' }, 'vr'),
      pass: () => this.commands.run({ type: 'piece.pass' }, 'vr'),
      away: () => this.commands.run({ type: 'away.toggle' }, 'vr'),
      chat: () => {
        this.menuPage = 'chat';
      },
      'get-help': () => {
        this.openGetHelp();
      },
      alert: () => {
        void this.alertFromMenu();
      },
      help: () => this.commands.run({ type: 'help.toggle' }, 'vr'),
      recenter: () => this.commands.run({ type: 'view.recenter' }, 'vr'),
      leave: () => this.commands.run({ type: 'circle.leave' }, 'vr'),
      back: () => {
        if (this.commands.state.helpOpen) this.commands.run({ type: 'help.toggle' }, 'vr');
        this.menuPage = 'main';
      },
    };
    return {
      snapTurnEnabled: () => byId<HTMLInputElement>('snap-turn').checked,
      talk: (active) => {
        this.commands.run({ type: active ? 'talk.start' : 'talk.stop' }, 'vr');
      },
      menuPressed: (id) => {
        if (id !== 'leave') this.confirmingLeave = false;
        menuCommands[id]();
      },
      menuView: () => this.menuView(),
      activeChanged: (active) => {
        this.confirmingLeave = false;
        this.menuPage = 'main';
        this.status.announce(this.i18n.t(active ? 'xr.entered' : 'xr.exited'));
      },
    };
  }

  private menuView(): MenuView {
    const state = this.commands.state;
    const t = (key: Parameters<Translator['t']>[0]) => this.i18n.t(key);
    const page: MenuPage = state.helpOpen ? 'controls' : this.menuPage;
    return {
      page,
      muted: state.muted,
      listenOnly: this.voice.listenOnly,
      handRaised: state.handRaised,
      away: state.away,
      holdingPiece: this.menu.holdingPiece(),
      canAlert: this.latest !== undefined,
      confirmingLeave: this.confirmingLeave,
      pageText: this.pageText(page),
      labels: {
        mute: t(state.muted ? 'voice.unmute' : 'voice.mute'),
        hand: t(state.handRaised ? 'xr.lowerHand' : 'hand.raise'),
        'react-nod': t('reaction.nod'),
        'react-heart': t('reaction.heart'),
        'react-metoo': t('reaction.metoo'),
        'react-wave': t('reaction.wave'),
        'react-thanks': t('reaction.thanks'),
        pass: t('piece.pass'),
        away: t('away.stepOut'),
        chat: t('chat.heading'),
        'get-help': t('helpNow.open'),
        alert: t('helpNow.alert'),
        help: t('xr.help'),
        recenter: t('xr.recenter'),
        leave: t(this.confirmingLeave ? 'xr.leaveConfirm' : 'circle.leave'),
        back: t('common.back'),
        hint: t('xr.menuHint'),
      },
    };
  }

  private pageText(page: MenuPage): string {
    switch (page) {
      case 'main':
        return '';
      case 'controls':
        return this.i18n.t('xr.helpText');
      case 'get-help':
        return [
          this.i18n.t('helpNow.intro'),
          this.helpText ?? this.i18n.t('helpNow.loading'),
          this.alertNote,
        ]
          .filter(Boolean)
          .join('\n\n');
      case 'chat': {
        const lines = this.menu.recentChat().slice(-MENU_CHAT_LINES);
        if (lines.length === 0) return this.i18n.t('xr.chatEmpty');
        return lines
          .map(({ name, text }) => {
            const line = `${name}: ${text}`;
            return line.length > MENU_CHAT_CHARS ? `${line.slice(0, MENU_CHAT_CHARS - 1)}…` : line;
          })
          .join('\n');
      }
    }
  }

  private openGetHelp(): void {
    this.menuPage = 'get-help';
    this.alertNote = '';
    if (this.helpText !== undefined) return;
    void this.menu.helpText().then((text) => {
      this.helpText = text ?? this.i18n.t('helpNow.none');
    });
  }

  private async alertFromMenu(): Promise<void> {
    const delivered = await this.menu.alert();
    this.alertNote = this.i18n.t(
      delivered === undefined
        ? 'helpNow.alertFailed'
        : delivered > 0
          ? 'helpNow.alertSent'
          : 'helpNow.alertNobody',
    );
  }
}
