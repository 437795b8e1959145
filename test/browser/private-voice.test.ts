import path from 'node:path';
import type { SignalPayload } from '../../shared/protocol/schemas';
import { defaultConfig } from '../../signaling-server/config';
import type { RunningServer } from '../../signaling-server/server';
import { describeWithTurnserver, startCoturn, type RunningCoturn } from '../support/coturn';
import { artifactsDir, startAppServer } from './support/app-server';
import { admit, knock, startCircle } from './support/circle-actions';
import { MemberBrowsers, memberIdOf } from './support/app-pages';
import { describeWithBrowser } from './support/chromium';
import { makeToneFile, type ToneFile } from './support/tone-file';
import { hears, relayedAtBothEnds } from './support/voice-probe';

jest.setTimeout(150_000);

/** Every ICE candidate in a signal: trickled ones and any carried inside an SDP. */
function candidateLines(signal: SignalPayload): string[] {
  if (signal.type === 'candidate')
    return signal.candidate.candidate ? [signal.candidate.candidate] : [];
  if (signal.type === 'offer' || signal.type === 'answer') {
    return signal.sdp.split(/\r?\n/).filter((line) => line.startsWith('a=candidate:'));
  }
  return [];
}

describeWithTurnserver('private circles over a real TURN relay', (turnserverPath) => {
  describeWithBrowser('relay-only voice in Chromium', (executablePath) => {
    let coturn: RunningCoturn;
    let server: RunningServer;
    let members: MemberBrowsers;
    let tone: ToneFile;
    const delivered: SignalPayload[] = [];

    beforeAll(async () => {
      tone = makeToneFile();
      coturn = await startCoturn(turnserverPath);
      server = await startAppServer({
        voice: {
          ...defaultConfig().voice,
          turn: {
            urls: [`turn:${coturn.host}:${coturn.port}?transport=udp`],
            secret: coturn.secret,
          },
        },
      });
      // Watch what the real relay delivers, without changing what it does.
      const relay = server.voice.relay.bind(server.voice);
      server.voice.relay = async (socket, input) => {
        const result = await relay(socket, input);
        delivered.push(input.signal);
        return result;
      };
      members = new MemberBrowsers(executablePath, server.url, tone.path);
    });

    afterAll(async () => {
      await members.closeAll();
      await server.close();
      await coturn.stop();
      tone.remove();
    });

    it('connects members only through the relay, and no host or srflx candidate crosses signalling', async () => {
      const hana = await members.open();
      const code = await startCircle(hana, {
        title: 'Private circle',
        capacity: 3,
        name: 'Hana',
        privateVoice: true,
      });
      await hana.getByText('Private voice: audio goes through a relay').waitFor();
      const ren = await members.open();
      await knock(ren, code, 'Ren');
      await admit(hana, ren, 'Ren');

      await relayedAtBothEnds(hana, 1, 40_000);
      await relayedAtBothEnds(ren, 1, 40_000);
      await hears(ren, await memberIdOf(ren, 'Hana'));
      await ren.screenshot({ path: path.join(artifactsDir, 'private-voice.png') });

      const lines = delivered.flatMap(candidateLines);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(/ typ relay( |$)/);
    });
  });
});
