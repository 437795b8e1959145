import type { LinkSignal, PeerLink, PeerLinkOptions } from '../../../../client/voice/peer-link';

/** A peer link that records what the mesh asks of it and lets the test drive its events. */
export class FakeLink implements PeerLink {
  readonly received: LinkSignal[] = [];
  readonly sent: Uint8Array[] = [];
  destroyed = false;
  constructor(readonly options: PeerLinkOptions) {}
  signal(signal: LinkSignal): void {
    this.received.push(signal);
  }
  get connection(): undefined {
    return undefined;
  }
  send(bytes: Uint8Array): boolean {
    this.sent.push(bytes);
    return true;
  }
  destroy(): void {
    this.destroyed = true;
  }
}
