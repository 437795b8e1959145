import type { Announcement } from '../../shared/circle/views';
import type { Translator } from '../i18n/i18n';
import type { SignalingClient } from '../net/signaling-client';
import type { StayStore } from '../stay/stay-store';
import { byId } from '../ui/dom';
import { SoftChime } from '../ui/soft-chime';

/**
 * A host's announcement to everyone, with a soft chime: shown at the top of the circle's panel
 * (read out politely by screen readers) until the next one, and on the headset's wrist menu.
 * Gone when this person leaves the circle; never kept.
 */
export class Announcements {
  private latest: Announcement | undefined;
  private readonly line = byId('announcement');
  private readonly chime = new SoftChime(660);
  private readonly disposers: (() => void)[];

  constructor(
    private readonly i18n: Translator,
    client: SignalingClient,
    store: StayStore,
  ) {
    const socket = client.socket;
    const shown = (announcement: Announcement): void => {
      if (!store.inCircle) return;
      this.latest = announcement;
      this.render();
      this.chime.play();
    };
    socket.on('announcement:shown', shown);
    this.disposers = [
      () => socket.off('announcement:shown', shown),
      store.subscribe((stay) => {
        if (stay.phase === 'circle' || !this.latest) return;
        this.latest = undefined;
        this.render();
      }),
      i18n.onChange(() => {
        this.render();
      }),
    ];
  }

  /** The newest announcement in words, for the wrist menu's top line. */
  latestText(): string | undefined {
    const latest = this.latest;
    return latest && this.i18n.t('announce.from', { name: latest.name, text: latest.text });
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.chime.dispose();
  }

  private render(): void {
    const text = this.latestText();
    this.line.hidden = text === undefined;
    this.line.textContent = text ?? '';
    this.line.dir = 'auto';
  }
}
