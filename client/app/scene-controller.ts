import type { Reaction } from '../../shared/circle/presence';
import type { CircleView } from '../../shared/circle/views';
import type { CommandBus } from '../commands/command-bus';
import type { Emitter } from '../events/emitter';
import type { Translator } from '../i18n/i18n';
import type * as CircleSceneModule from '../scene/circle-scene';
import type { CircleSceneHandle, SceneXrHooks } from '../scene/scene-handle';
import { listenerAt, seatingFor } from '../scene/seating';
import { markStep } from '../events/timeline';
import { byId } from '../ui/dom';
import type { StayStore } from '../stay/stay-store';
import type { InCircle, StayChangeKind } from '../stay/stay';
import type { StatusLine } from '../ui/status-line';
import type { PoseChannel } from '../voice/pose-channel';
import type { ListenerPose } from '../voice/spatial-audio';
import { immersiveVrSupported } from '../xr/xr-support';
import { HeadsetMenu, type MenuSources } from './headset-menu';
import type { ViewPreference } from './view-preference';

/** What the 3D view exchanges with the voice layer. */
export interface SceneVoicePorts {
  readonly poses: PoseChannel;
  readonly speakingChanged: Emitter<[memberId: string, speaking: boolean]>;
  /** Places the ears (the listener of every spatial voice). */
  setListener(pose: ListenerPose): void;
  readonly listenOnly: boolean;
}

/** Changes the view draws. */
const DRAWN: ReadonlySet<StayChangeKind> = new Set(['entered', 'circle', 'blocked']);

/**
 * The 3D circle on the page: loads it lazily, keeps it in step with the circle, carries poses
 * between it and the voice mesh, and connects the headset's controls to the command layer.
 * With the 3D view turned off (the simple view), nothing is drawn and the ears sit at the seat.
 */
export class SceneController {
  private scene: CircleSceneHandle | undefined;
  private loading: Promise<void> | undefined;
  private xrSupported: Promise<boolean> | undefined;
  private module: Promise<typeof CircleSceneModule> | undefined;
  /** A scene built ahead of entering (while waiting to be let in), not shown yet. */
  private built: Promise<CircleSceneHandle> | undefined;
  private readonly menu: HeadsetMenu;
  private readonly disposers: (() => void)[] = [];
  private seenOf: { stay: InCircle; seen: { circle: CircleView; selfId: string } } | undefined;

  constructor(
    private readonly i18n: Translator,
    private readonly voice: SceneVoicePorts,
    private readonly commands: CommandBus,
    private readonly status: StatusLine,
    private readonly preference: ViewPreference,
    private readonly store: StayStore,
    sources: Omit<MenuSources, 'listenOnly' | 'circle'>,
  ) {
    this.menu = new HeadsetMenu(i18n, commands, {
      ...sources,
      listenOnly: () => voice.listenOnly,
      circle: () => this.seen(),
    });
    this.disposers.push(
      store.subscribe((stay, change) => {
        if (change.kind === 'lobby') this.close();
        if (stay.phase !== 'circle' || !DRAWN.has(change.kind)) return;
        this.render();
        if (!this.preference.show3d) this.placeEarsAtSeat();
      }),
      voice.speakingChanged.on((memberId, speaking) => {
        this.scene?.setSpeaking(memberId, speaking);
      }),
      voice.poses.received.on((memberId, bytes) => {
        this.scene?.receivePose(memberId, bytes);
      }),
      voice.poses.ended.on((memberId) => {
        this.scene?.forgetPose(memberId);
      }),
    );
  }

  /**
   * The circle as this member sees it: anyone they blocked is left out. The headset menu reads
   * it every frame; it is worked out again only when the stay changed.
   */
  private seen(): { circle: CircleView; selfId: string } | undefined {
    const stay = this.store.inCircle;
    if (!stay) return undefined;
    if (this.seenOf?.stay !== stay) {
      const members = stay.circle.members.filter((m) => !stay.blocked.has(m.id));
      this.seenOf = { stay, seen: { circle: { ...stay.circle, members }, selfId: stay.selfId } };
    }
    return this.seenOf.seen;
  }

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
      await this.ensure();
    } else {
      this.closeScene();
      if (this.store.inCircle) this.showSimpleView();
    }
  }

  get handle(): CircleSceneHandle | undefined {
    return this.scene;
  }

  /**
   * Builds the 3D view while the person waits to be let in: its code, the WebGL context and the
   * compiled shaders, on a canvas that takes no room and so draws nothing. Entering then only
   * shows it. Nothing is built for someone who chose the simple view.
   */
  prepare(): void {
    if (!this.preference.show3d || this.built) return;
    // Kept hidden until entering and voice has connected: a canvas with room to draw in would
    // start drawing as soon as the circle's screen appears.
    byId('scene-canvas').hidden = true;
    const built = this.build();
    this.built = built;
    built.then(
      () => {
        markStep('scene-built');
      },
      () => {
        if (this.built === built) this.built = undefined; // entering tries again and reports it
      },
    );
  }

  private async build(): Promise<CircleSceneHandle> {
    this.xrSupported ??= immersiveVrSupported();
    this.module ??= import(/* webpackChunkName: "scene" */ '../scene/circle-scene').catch(
      (error: unknown) => {
        this.module = undefined;
        throw error;
      },
    );
    const [{ startCircleScene }, xr] = await Promise.all([this.module, this.xrSupported]);
    return startCircleScene({
      canvas: byId<HTMLCanvasElement>('scene-canvas'),
      onListener: (pose) => {
        this.voice.setListener(pose);
      },
      sendPose: (bytes) => {
        this.voice.poses.send(bytes);
      },
      xr: xr ? this.xrHooks() : undefined,
    });
  }

  /** A scene built ahead and not shown is let go (the knock was declined, or 3D turned off). */
  private discardBuilt(): void {
    const built = this.built;
    this.built = undefined;
    void built?.then(
      (scene) => {
        scene.dispose();
      },
      () => undefined,
    );
  }

  /** Loads the 3D view once per stay in a circle. */
  async ensure(): Promise<void> {
    if (!this.store.inCircle) return;
    if (!this.preference.show3d) {
      this.showSimpleView();
      return;
    }
    if (this.scene || this.loading) return this.loading;
    byId('scene-canvas').hidden = false;
    const indicator = byId('scene-loading');
    indicator.hidden = false;
    this.loading = (async () => {
      markStep('scene-loading');
      const built = this.built ?? this.build();
      this.built = undefined;
      const scene = await built;
      const xr = await this.xrSupported;
      // Left the circle, or switched to the simple view, while it loaded.
      if (!this.store.inCircle || !this.preference.show3d) {
        scene.dispose();
        return;
      }
      this.scene = scene;
      indicator.hidden = true;
      this.commands.set({ xrAvailable: xr === true });
      this.render();
      markStep('scene-shown');
    })();
    await this.loading.catch((error: unknown) => {
      console.error('The 3D view could not start', error);
      indicator.hidden = true;
    });
    this.loading = undefined;
  }

  showReaction(memberId: string, reaction: Reaction): void {
    this.scene?.showReaction(memberId, reaction);
  }

  async enterXr(): Promise<void> {
    await this.scene?.enterXr();
  }

  /** Asks a second time before leaving from the headset, where a stray click is easy. */
  confirmLeaveInXr(): boolean {
    return this.menu.confirmLeave();
  }

  /** Shows someone speaking whose voice this page does not carry (a far table's member). */
  showSpeaking(memberId: string, speaking: boolean): void {
    this.scene?.setSpeaking(memberId, speaking);
  }

  /** Also redraws the labels the view shows (after a language change). */
  render(): void {
    const seen = this.seen();
    if (!this.scene || !seen) return;
    const { circle, selfId } = seen;
    this.scene.update({
      members: circle.members,
      selfId,
      seating: seatingFor(circle),
      hands: circle.hands,
      pieceHolder: circle.piece.holder,
      labels: { steppedOut: this.i18n.t('presence.steppedOut') },
    });
  }

  dispose(): void {
    this.close();
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /** The stay ended: the view goes with it. */
  private close(): void {
    this.closeScene();
    this.menu.reset();
    byId('scene-off').hidden = true;
  }

  private closeScene(): void {
    this.discardBuilt();
    this.scene?.dispose();
    this.scene = undefined;
    this.menu.reset();
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
    const stay = this.store.inCircle;
    if (!stay) return;
    const { circle, selfId } = stay;
    const self = circle.members.find((m) => m.id === selfId);
    if (self) this.voice.setListener(listenerAt(seatingFor(circle).poseOf(self)));
  }

  private xrHooks(): SceneXrHooks {
    return {
      snapTurnEnabled: () => byId<HTMLInputElement>('snap-turn').checked,
      talk: (active) => {
        this.commands.run({ type: active ? 'talk.start' : 'talk.stop' }, 'vr');
      },
      menuPressed: (id) => {
        this.menu.press(id);
      },
      menuView: () => this.menu.view(),
      noticePending: () => this.menu.noticePending(),
      activeChanged: (active) => {
        this.menu.reset();
        this.status.announce(this.i18n.t(active ? 'xr.entered' : 'xr.exited'));
      },
    };
  }
}
