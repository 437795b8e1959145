/**
 * Whether this browser shows the 3D circle or the simple view (the page without 3D). Some people
 * find 3D uneasy, and an old computer may struggle to draw it while carrying the voices; the
 * choice is kept for the next visit. Voices stay spatial either way.
 */
const KEY = 'engawa.view';
const SIMPLE = 'simple';

export class ViewPreference {
  private on: boolean;

  constructor(private readonly storage: Storage | undefined) {
    try {
      this.on = storage?.getItem(KEY) !== SIMPLE;
    } catch {
      this.on = true;
    }
  }

  get show3d(): boolean {
    return this.on;
  }

  set show3d(on: boolean) {
    this.on = on;
    try {
      if (on) this.storage?.removeItem(KEY);
      else this.storage?.setItem(KEY, SIMPLE);
    } catch {
      // Storage blocked: the choice lasts for this page.
    }
  }
}
