/**
 * Chromium's echo canceller only hears what the page plays through WebRTC media elements, not
 * Web Audio output (https://crbug.com/687574). Sending our mixed, spatialised output through a
 * pair of local peer connections and playing the result from an <audio> element puts it back
 * where the canceller can hear it, so speakers don't feed other people's voices back into the
 * microphone. The cost is one local encode/decode, a few milliseconds.
 */
export class EchoLoopback {
  private readonly sender = new RTCPeerConnection();
  private readonly receiver = new RTCPeerConnection();
  private readonly element = new Audio();
  private readonly destination: MediaStreamAudioDestinationNode;

  constructor(context: AudioContext, input: AudioNode) {
    this.destination = context.createMediaStreamDestination();
    input.connect(this.destination);
    this.element.autoplay = true;
    this.sender.onicecandidate = (event) => {
      if (event.candidate) void this.receiver.addIceCandidate(event.candidate);
    };
    this.receiver.onicecandidate = (event) => {
      if (event.candidate) void this.sender.addIceCandidate(event.candidate);
    };
    this.receiver.ontrack = (event) => {
      this.element.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      void this.element.play().catch(() => undefined);
    };
    for (const track of this.destination.stream.getAudioTracks()) {
      this.sender.addTrack(track, this.destination.stream);
    }
  }

  async startAsync(): Promise<void> {
    const offer = await this.sender.createOffer();
    await this.sender.setLocalDescription(offer);
    await this.receiver.setRemoteDescription(offer);
    const answer = await this.receiver.createAnswer();
    await this.receiver.setLocalDescription(answer);
    await this.sender.setRemoteDescription(answer);
  }

  /** Plays again after a user gesture if autoplay was blocked. */
  resume(): void {
    if (this.element.paused && this.element.srcObject)
      void this.element.play().catch(() => undefined);
  }

  dispose(): void {
    this.element.pause();
    this.element.srcObject = null;
    this.sender.close();
    this.receiver.close();
    this.destination.disconnect();
  }
}

/**
 * Desktop Chromium needs the loopback. Quest Browser is Chromium too, but the headset's own
 * audio path cancels echo in hardware and the extra encode costs battery, so it plays directly.
 */
export function needsEchoLoopback(userAgent: string): boolean {
  return /Chrome\//.test(userAgent) && !/OculusBrowser|Quest/.test(userAgent);
}
