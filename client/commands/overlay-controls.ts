import type { Translator } from '../i18n/i18n';
import type { CommandBus, CommandState } from './command-bus';
import { ariaKeyShortcuts, isReaction, type Command } from './commands';

/** The page's buttons and the command each one runs. */
const buttonCommands: readonly (readonly [string, Command])[] = [
  ['#mute-toggle', { type: 'mute.toggle' }],
  ['#hand-toggle', { type: 'hand.toggle' }],
  ['#away-toggle', { type: 'away.toggle' }],
  ['#help-open', { type: 'help.toggle' }],
  ['#enter-vr', { type: 'xr.enter' }],
  ['#leave-circle', { type: 'circle.leave' }],
];

function required(root: ParentNode, selector: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`index.html lacks ${selector}`);
  return found;
}

/**
 * The circle panel's controls for people at a desktop: each button runs its command through the
 * bus, and every toggle is drawn from the bus's state, so a key press, a click and the VR menu
 * always agree on what is on.
 */
export class OverlayControls {
  private readonly cleanups: (() => void)[] = [];
  private readonly muteButton: HTMLElement;
  private readonly micState: HTMLElement;
  private readonly handState: HTMLElement;
  private readonly pushToTalk: HTMLInputElement;
  private readonly handButton: HTMLElement;
  private readonly awayButton: HTMLElement;
  private readonly helpButton: HTMLElement;
  private readonly enterVr: HTMLElement;
  private readonly snapTurnOption: HTMLElement;

  constructor(
    private readonly bus: CommandBus,
    private readonly i18n: Translator,
    root: ParentNode = document,
  ) {
    for (const [selector, command] of buttonCommands) {
      this.wireButton(required(root, selector), command);
    }
    for (const button of required(root, '#reactions').querySelectorAll<HTMLElement>(
      '[data-reaction]',
    )) {
      const reaction = button.dataset.reaction;
      if (isReaction(reaction)) this.wireButton(button, { type: 'react', reaction });
    }
    this.muteButton = required(root, '#mute-toggle');
    this.micState = required(root, '#mic-state');
    this.handState = required(root, '#hand-state');
    this.handButton = required(root, '#hand-toggle');
    this.awayButton = required(root, '#away-toggle');
    this.helpButton = required(root, '#help-open');
    this.enterVr = required(root, '#enter-vr');
    this.snapTurnOption = required(root, '#snap-turn-option');

    // Push to talk is a setting rather than a command: the voice side follows the state.
    this.pushToTalk = required(root, '#push-to-talk') as HTMLInputElement;
    this.listen(this.pushToTalk, 'change', () => {
      this.bus.set({ pushToTalk: this.pushToTalk.checked });
    });
    // With push to talk on, Space talks even on a focused checkbox (a mouse click leaves focus
    // there); Enter still switches these for people who use the keyboard.
    for (const selector of ['#push-to-talk', '#snap-turn']) {
      const box = required(root, selector) as HTMLInputElement;
      this.listen(box, 'keydown', (event) => {
        if ((event as KeyboardEvent).key !== 'Enter') return;
        event.preventDefault();
        box.click();
      });
    }

    // On a phone the chat sits far below the 3D view; the control bar jumps to it.
    const chatInput = required(root, '#chat-input');
    this.listen(required(root, '#chat-jump'), 'click', () => {
      chatInput.scrollIntoView({ block: 'center' });
      chatInput.focus();
    });

    this.cleanups.push(
      this.bus.subscribe((state) => {
        this.render(state);
      }),
      this.i18n.onChange(() => {
        this.render(this.bus.state);
      }),
    );
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private wireButton(button: HTMLElement, command: Command): void {
    const keys = ariaKeyShortcuts(command);
    if (keys !== undefined) button.setAttribute('aria-keyshortcuts', keys);
    this.listen(button, 'click', () => {
      this.bus.run(command, 'overlay');
    });
  }

  private listen(target: EventTarget, type: string, listener: (event: Event) => void): void {
    target.addEventListener(type, listener);
    this.cleanups.push(() => {
      target.removeEventListener(type, listener);
    });
  }

  private render(state: Readonly<CommandState>): void {
    // One stable name with a pressed state: a label that flips reads as its own opposite
    // ("Unmute, pressed"). The words beside it say the same for those who look.
    this.muteButton.setAttribute('aria-pressed', String(state.muted));
    this.micState.textContent = this.i18n.t(state.muted ? 'voice.micOff' : 'voice.micOn');
    this.pushToTalk.checked = state.pushToTalk;
    this.handButton.setAttribute('aria-pressed', String(state.handRaised));
    this.handState.hidden = !state.handRaised;
    this.awayButton.setAttribute('aria-pressed', String(state.away));
    this.helpButton.setAttribute('aria-expanded', String(state.helpOpen));
    // VR's own settings show only where VR can be entered.
    this.enterVr.hidden = !state.xrAvailable;
    this.snapTurnOption.hidden = !state.xrAvailable;
  }
}
