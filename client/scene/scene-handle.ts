import type { Reaction } from '../../shared/circle/presence';
import type { AvatarLabels } from './avatars/avatar';
import type { MemberView } from '../../shared/circle/views';
import type { ListenerPose } from '../voice/spatial-audio';
import type { MenuButtonId } from '../xr/menu-layout';
import type { MenuView } from '../xr/wrist-menu';
import type { FrameSample } from './frame-record';
import type { Seating } from './seating';

/** Called whenever the view turns or moves, so voices stay where their speakers sit. */
export type ListenerCallback = (pose: ListenerPose) => void;

export interface SceneView {
  members: readonly MemberView[];
  selfId: string;
  /** Where everyone sits: a ring, or a social event's tables. */
  seating: Seating;
  hands: readonly string[];
  labels: AvatarLabels;
  /** Who holds the talking piece, if anyone. */
  pieceHolder: string | null;
}

/** What the headset parts ask of the page; only used when immersive VR is supported. */
export interface SceneXrHooks {
  snapTurnEnabled(): boolean;
  talk(active: boolean): void;
  menuPressed(id: MenuButtonId): void;
  menuView(): MenuView;
  activeChanged(active: boolean): void;
  noticePending(): boolean;
}

export interface SceneOptions {
  canvas: HTMLCanvasElement;
  onListener: ListenerCallback;
  /** Sends this browser's pose to everyone connected (the voice mesh's data channel). */
  sendPose(bytes: Uint8Array): void;
  /** Present when this browser can enter immersive VR. */
  xr: SceneXrHooks | undefined;
}

export interface SceneStats {
  drawCalls: number;
  triangles: number;
  activeMeshes: number;
  /** JavaScript time per frame, averaged over the last second. */
  frameMs: number;
  fps: number;
  /** WebGL is drawn on the CPU: the view is drawn at half resolution and idles at 10 fps. */
  softwareRendering: boolean;
  /** The drawing buffer smooths edges by multisampling (not on a software renderer). */
  multisampled: boolean;
}

/** What the page needs from the 3D circle; the Babylon code behind it loads lazily. */
export interface CircleSceneHandle {
  update(view: SceneView): void;
  setSpeaking(memberId: string, speaking: boolean): void;
  showReaction(memberId: string, reaction: Reaction): void;
  receivePose(memberId: string, bytes: Uint8Array): void;
  forgetPose(memberId: string): void;
  /** Faces the view back to the lantern from the viewer's seat (and in VR, re-seats them). */
  recenter(): void;
  /** Resolves once the headset session has started. */
  enterXr(): Promise<void>;
  exitXr(): Promise<void>;
  /** Read-only state for diagnostics and tests. */
  diagnostics(): SceneDiagnostics;
  dispose(): void;
}

export interface PoseSnapshot {
  head: { position: { x: number; y: number; z: number }; yaw: number };
  right?: { x: number; y: number; z: number };
  left?: { x: number; y: number; z: number };
}

export interface SceneDiagnostics {
  stats(): SceneStats;
  localPose(): PoseSnapshot;
  remotePose(memberId: string): PoseSnapshot | undefined;
  xrActive(): boolean;
  /** A wrist-menu button's centre relative to the viewer's head (x right, y up, z forward). */
  menuButtonInHead(id: MenuButtonId): { x: number; y: number; z: number } | undefined;
  menuVisible(): boolean;
  /** The wrist menu's page and the text it shows, while it is open. */
  menuPage():
    | { page: string; hint: string; text: string; buttons: { id: MenuButtonId; label: string }[] }
    | undefined;
  /** Who the 3D talking piece is with, and where it is drawn. */
  piece(): { holder: string | null; position: { x: number; y: number; z: number } };
  /** What this page's pose sender has produced: each frame goes once to every connected peer. */
  poseTraffic(): { frames: number; bytes: number; keepAlives: number };
  /** Turns the desktop view slowly back and forth (benchmarks: a viewer who keeps moving). */
  sweepView(on: boolean): void;
  /** Adds `count` stand-in members moving gently, for benchmarks. */
  simulate(count: number): void;
  /** Each frame drawn from `index` on that is still remembered (the last 512), for benchmarks. */
  framesSince(index: number): FrameSample[];
  /**
   * Draws into a drawing buffer about `widthPx` wide while the view keeps its size and shape,
   * for benchmarks: every draw call and all the frame's JS still run, but a software renderer
   * fills few pixels, so it does not set the pace. Returns the buffer's size.
   */
  shrinkDrawingBuffer(widthPx: number): { width: number; height: number };
}
