import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes a mono 16-bit 48 kHz WAV of a steady tone. Chromium loops it as the fake microphone,
 * so every page "speaks" continuously and its voice can be measured at the others.
 */
export function writeToneWav(path: string, frequencyHz = 440, seconds = 2, amplitude = 0.3): void {
  const rate = 48_000;
  const samples = rate * seconds;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const value = Math.sin((2 * Math.PI * frequencyHz * i) / rate) * amplitude;
    data.writeInt16LE(Math.round(value * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
}

/** A tone file in a folder of its own, for one suite's fake microphones. */
export interface ToneFile {
  path: string;
  /** Removes the file and its folder. */
  remove(): void;
}

export function makeToneFile(): ToneFile {
  const dir = mkdtempSync(join(tmpdir(), 'engawa-tone-'));
  const path = join(dir, 'tone.wav');
  writeToneWav(path);
  return {
    path,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
