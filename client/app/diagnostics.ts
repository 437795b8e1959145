import type { CommandBus } from '../commands/command-bus';
import type { FarTables } from '../murmur/far-tables';
import type { SceneController } from './scene-controller';
import type { VoiceController } from './voice-controller';

/**
 * `?diagnostics` exposes voice, scene and command statistics on `window.engawaDiagnostics`, for
 * support and for the browser tests. It reveals nothing the page's own user cannot already see.
 * Besides reading, the scene's part can sweep the view and add stand-in members (for the
 * benchmarks); none of it reaches the server. Returns what removes it.
 */
export function exposeDiagnostics(
  voice: VoiceController,
  scene: SceneController,
  commands: CommandBus,
  farTables: FarTables,
): () => void {
  const target = window as unknown as { engawaDiagnostics?: unknown };
  target.engawaDiagnostics = {
    peers: () => voice.diagnostics()?.diagnostics() ?? Promise.resolve([]),
    levels: () => voice.diagnostics()?.outputLevels() ?? {},
    speaking: () => voice.diagnostics()?.speakingNow() ?? [],
    playing: () => voice.diagnostics()?.playing() ?? [],
    voiceReady: () => voice.diagnostics() !== undefined,
    listener: () => voice.listener,
    scene: () => scene.handle?.diagnostics(),
    commands: () => commands.state,
    /** Each far table's murmur loudness at a social event. */
    murmur: () => farTables.murmurLevels(),
  };
  return () => {
    delete target.engawaDiagnostics;
  };
}
