export type MicProblem = 'denied' | 'not_found' | 'unsupported' | 'busy';

export type MicResult = { ok: true; stream: MediaStream } | { ok: false; problem: MicProblem };

/** Speech settings: the browser's echo canceller, noise suppression and gain control, mono. */
function constraints(deviceId: string | undefined): MediaStreamConstraints {
  return {
    audio: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
      channelCount: 1,
    },
    video: false,
  };
}

/** Opens a microphone, turning each way it can fail into a reason we can explain kindly. */
export async function openMicrophone(deviceId?: string): Promise<MicResult> {
  if (!('mediaDevices' in navigator) || typeof navigator.mediaDevices.getUserMedia !== 'function') {
    return { ok: false, problem: 'unsupported' };
  }
  try {
    return { ok: true, stream: await navigator.mediaDevices.getUserMedia(constraints(deviceId)) };
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError')
      return { ok: false, problem: 'denied' };
    if (name === 'NotFoundError' || name === 'OverconstrainedError') {
      return { ok: false, problem: 'not_found' };
    }
    return { ok: false, problem: 'busy' };
  }
}

export async function listMicrophones(): Promise<MediaDeviceInfo[]> {
  if (!('mediaDevices' in navigator)) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === 'audioinput');
}

export function stopStream(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
