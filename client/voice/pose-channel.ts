import { Emitter } from '../events/emitter';

/**
 * Head and hand poses between this page's 3D view and the voice connections' data channel.
 * The view sends and listens here and the voice layer carries the bytes, so nothing else is on
 * this per-frame path. Before voice is up (or after it stops) a pose sent is dropped.
 */
export class PoseChannel {
  private transport: ((bytes: Uint8Array) => void) | undefined;
  /** A member's pose arrived. */
  readonly received = new Emitter<[memberId: string, bytes: Uint8Array]>();
  /** A member's connection closed: their pose stream ends with it. */
  readonly ended = new Emitter<[memberId: string]>();

  private paused = false;

  send(bytes: Uint8Array): void {
    if (!this.paused) this.transport?.(bytes);
  }

  /** "Just be here": the avatar sits still, so no motion leaves this page while paused. */
  pause(paused: boolean): void {
    this.paused = paused;
  }

  /** The voice layer starts (or stops, with undefined) carrying this page's poses. */
  carry(transport: ((bytes: Uint8Array) => void) | undefined): void {
    this.transport = transport;
  }

  dispose(): void {
    this.transport = undefined;
    this.received.clear();
    this.ended.clear();
  }
}
