import { AdvancedDynamicTexture } from '@babylonjs/gui/2D/advancedDynamicTexture';
import { Button } from '@babylonjs/gui/2D/controls/button';
import { Control } from '@babylonjs/gui/2D/controls/control';
import { Rectangle } from '@babylonjs/gui/2D/controls/rectangle';
import { TextBlock } from '@babylonjs/gui/2D/controls/textBlock';
import { Vector3 } from '@babylonjs/core/Maths/math.vector';
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder';
import { Mesh } from '@babylonjs/core/Meshes/mesh';
import type { Scene } from '@babylonjs/core/scene';
import { Reactions } from '../../shared/circle/presence';
import { TAG_FONT_FAMILY, tagFontReady } from '../scene/avatars/tag-font';
import { ReactionGlyphs } from '../ui/reaction-glyphs';
import {
  buttonCentreOnPanel,
  MENU_M,
  MENU_PX,
  MenuLayout,
  PageTextHeight,
  shownButtons,
  type MenuButtonId,
  type MenuConditions,
} from './menu-layout';

export interface MenuView extends MenuConditions {
  muted: boolean;
  handRaised: boolean;
  away: boolean;
  /** Set after a first press of Leave, until the second press or the menu closes. */
  confirmingLeave: boolean;
  /** A facilitator's newest notice, shown in a warm colour on the top line ('' for none). */
  notice: string;
  labels: Record<MenuButtonId | 'hint', string>;
  /** What a page other than the main one reads out (controls help, places to turn to, chat). */
  pageText: string;
}

const CALM = {
  panel: '#2b2838e6',
  button: '#4a4560',
  pressed: '#b5835a',
  help: '#7a4a3c',
  text: '#fff8ec',
  notice: '#ffc880',
};

/**
 * The menu a headset user reaches without taking the headset off: it floats just above their
 * left hand, turned to them, with big buttons for mute, raise hand, reactions, help, recenter
 * and leave. Drawn with Babylon GUI; redrawn only when what it shows changes.
 */
export class WristMenu {
  readonly plane: Mesh;
  private readonly texture: AdvancedDynamicTexture;
  private readonly buttons = new Map<MenuButtonId, Button>();
  private readonly hint: TextBlock;
  private readonly pageText: TextBlock;
  private drawn = '';
  private current: MenuView | undefined;

  constructor(
    scene: Scene,
    private readonly onPress: (id: MenuButtonId) => void,
  ) {
    this.plane = CreatePlane('wrist-menu', { width: MENU_M.width, height: MENU_M.height }, scene);
    this.plane.billboardMode = Mesh.BILLBOARDMODE_ALL;
    this.plane.setEnabled(false);
    this.texture = AdvancedDynamicTexture.CreateForMesh(this.plane, MENU_PX.width, MENU_PX.height);
    const background = new Rectangle('menu-bg');
    background.background = CALM.panel;
    background.cornerRadius = 48;
    background.thickness = 0;
    this.texture.addControl(background);
    this.hint = this.text('menu-hint', 34);
    this.hint.top = '24px';
    this.hint.height = '72px';
    this.texture.addControl(this.hint);
    this.pageText = this.text('menu-page', 28);
    this.pageText.textWrapping = true;
    this.pageText.top = '100px';
    this.pageText.height = '540px';
    this.pageText.paddingLeft = '40px';
    this.pageText.paddingRight = '40px';
    this.texture.addControl(this.pageText);
    for (const id of Object.keys(MenuLayout) as MenuButtonId[]) this.addButton(id);
  }

  get visible(): boolean {
    return this.plane.isEnabled();
  }

  show(at: Vector3): void {
    this.plane.position.copyFrom(at);
    this.plane.setEnabled(true);
  }

  hide(): void {
    this.plane.setEnabled(false);
  }

  render(view: MenuView): void {
    const key = JSON.stringify(view);
    if (key === this.drawn) return;
    this.drawn = key;
    this.current = view;
    const shown = new Set(shownButtons(view));
    for (const [id, button] of this.buttons) {
      button.isVisible = shown.has(id);
      const label = view.labels[id];
      if (button.textBlock && !id.startsWith('react-')) button.textBlock.text = label;
    }
    this.paint('mute', view.muted);
    this.paint('hand', view.handRaised);
    this.paint('away', view.away);
    this.paint('leave', view.confirmingLeave);
    this.hint.text = view.labels.hint;
    this.hint.color = view.notice && view.page === 'main' ? CALM.notice : CALM.text;
    const textHeight = PageTextHeight[view.page];
    this.pageText.isVisible = textHeight > 0;
    this.pageText.heightInPixels = textHeight;
    this.pageText.text = view.pageText;
    // Redraw once the served font has the glyphs (Japanese labels on a headset without them),
    // the page's text included: a word chain in kana can be read on an English page.
    void tagFontReady(Object.values(view.labels).join('') + view.pageText, 36).then(() => {
      if (this.drawn === key) this.texture.markAsDirty();
    });
  }

  /** What the menu shows now. */
  get shown(): MenuView | undefined {
    return this.current;
  }

  /** A button's centre in world space, so a pointer can be aimed at it (used by tests). */
  buttonWorldPosition(id: MenuButtonId): Vector3 {
    const local = buttonCentreOnPanel(id);
    return Vector3.TransformCoordinates(
      new Vector3(local.x, local.y, 0),
      this.plane.computeWorldMatrix(true),
    );
  }

  dispose(): void {
    this.texture.dispose();
    this.plane.dispose();
    this.buttons.clear();
  }

  private text(name: string, size: number): TextBlock {
    const block = new TextBlock(name);
    block.color = CALM.text;
    block.fontSize = size;
    block.fontFamily = TAG_FONT_FAMILY;
    block.verticalAlignment = Control.VERTICAL_ALIGNMENT_TOP;
    block.textVerticalAlignment = Control.VERTICAL_ALIGNMENT_TOP;
    return block;
  }

  private addButton(id: MenuButtonId): void {
    const rect = MenuLayout[id];
    const reaction = Reactions.find((r) => id === `react-${r}`);
    const button = Button.CreateSimpleButton(
      `menu-${id}`,
      reaction ? ReactionGlyphs[reaction] : '',
    );
    button.widthInPixels = rect.width;
    button.heightInPixels = rect.height;
    button.leftInPixels = rect.left;
    button.topInPixels = rect.top;
    button.horizontalAlignment = Control.HORIZONTAL_ALIGNMENT_LEFT;
    button.verticalAlignment = Control.VERTICAL_ALIGNMENT_TOP;
    // Get help now stands out in a warm colour, so it is found without reading.
    button.background = id === 'get-help' || id === 'alert' ? CALM.help : CALM.button;
    button.color = CALM.text;
    button.cornerRadius = 36;
    button.thickness = 0;
    button.fontSize = reaction ? 96 : 52;
    button.fontFamily = TAG_FONT_FAMILY;
    button.onPointerUpObservable.add(() => {
      this.onPress(id);
    });
    this.texture.addControl(button);
    this.buttons.set(id, button);
  }

  private paint(id: MenuButtonId, on: boolean): void {
    const button = this.buttons.get(id);
    if (button) button.background = on ? CALM.pressed : CALM.button;
  }
}
