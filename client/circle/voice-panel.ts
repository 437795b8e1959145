import type { Emitter } from '../events/emitter';
import { byId } from '../ui/dom';

/** What the controls follow of the voice layer. */
export interface VoiceControlSource {
  readonly started: Emitter<[hasMicrophone: boolean]>;
  readonly soundHeld: Emitter<[held: boolean]>;
  resumeSound(): void;
}

/**
 * The voice controls' visibility: the mute button only with a microphone (a "listening" note
 * without one), and "Enable sound" while the browser holds sound back. Any click or key press
 * counts as the gesture that lets sound play.
 */
export function showVoiceControls(voice: VoiceControlSource): () => void {
  const enableSound = byId('enable-sound');
  const resume = () => {
    voice.resumeSound();
  };
  enableSound.addEventListener('click', resume);
  window.addEventListener('pointerdown', resume);
  window.addEventListener('keydown', resume);
  const offStarted = voice.started.on((hasMicrophone) => {
    byId('listen-only').hidden = hasMicrophone;
    byId('mute-toggle').hidden = !hasMicrophone;
    byId('mic-state').hidden = !hasMicrophone;
  });
  const offHeld = voice.soundHeld.on((held) => {
    enableSound.hidden = !held;
  });
  return () => {
    offStarted();
    offHeld();
    enableSound.removeEventListener('click', resume);
    window.removeEventListener('pointerdown', resume);
    window.removeEventListener('keydown', resume);
  };
}
