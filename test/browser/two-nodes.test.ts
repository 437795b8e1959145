import type { Page } from 'playwright-core';
import { startNodeProcess, type NodeProcess } from '../support/node-process';
import { describeWithRedis, startRedis, type RunningRedis } from '../support/redis-server';
import { startTcpFront, type TcpFront } from '../support/tcp-front';
import { MemberBrowsers, memberIdOf } from './support/app-pages';
import { admit, knock, sendChat, startCircle } from './support/circle-actions';
import { describeWithBrowser } from './support/chromium';
import { makeToneFile, type ToneFile } from './support/tone-file';
import { packetsGrowFrom, peersConnectedTo, peersOf } from './support/voice-probe';
import { waitUntil } from './support/wait-until';

jest.setTimeout(240_000);

/** The promise: back in their seats this soon after their node dies. */
const BACK_WITHIN_MS = 10_000;
const SAMPLE_EVERY_MS = 500;

/**
 * Records every line the page's status region announces from now on. Only reads the page: the
 * test needs to know that "Connected again" came after this kill, not after an earlier one.
 */
async function watchAnnouncements(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { announced?: string[]; announceWatch?: MutationObserver };
    w.announceWatch?.disconnect();
    const lines: string[] = [];
    w.announced = lines;
    const region = document.querySelector('#status-line');
    if (!region) throw new Error('no status line');
    w.announceWatch = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) lines.push(n.textContent ?? '');
    });
    w.announceWatch.observe(region, { childList: true });
  });
}

function announced(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { announced?: string[] }).announced ?? []);
}

/** Waits until the page says it is back in its seat, after its node was killed. */
async function backInSeat(page: Page): Promise<void> {
  await waitUntil(
    'the page to say it is connected again',
    () => announced(page),
    (lines) => lines.some((line) => line.startsWith('Connected again')),
    BACK_WITHIN_MS,
  );
}

/**
 * Reads inbound audio packets on both pages every half second until stopped, and keeps every
 * sample in which a direction did not grow: voice is peer to peer, so no outage of a signaling
 * node may stop it for even one sample.
 */
function sampleAudio(pages: { page: Page; from: string }[]) {
  const stalls: string[] = [];
  let samples = 0;
  const stopped = new AbortController();
  const last = new Map<Page, number>();
  const read = async (page: Page, from: string) =>
    (await peersOf(page)).find((p) => p.memberId === from)?.inboundPackets ?? 0;
  const loop = (async () => {
    for (const { page, from } of pages) last.set(page, await read(page, from));
    while (!stopped.signal.aborted) {
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
      samples++;
      for (const { page, from } of pages) {
        const now = await read(page, from);
        if (now <= (last.get(page) ?? 0))
          stalls.push(`sample ${samples}: ${now} packets from ${from}`);
        last.set(page, now);
      }
    }
  })();
  return {
    stop: async () => {
      stopped.abort();
      await loop;
      return { samples, stalls };
    },
  };
}

describeWithRedis('two nodes behind one front, in real browsers', (redisPath) => {
  describeWithBrowser('a node killed and restarted under a circle', (executablePath) => {
    let redis: RunningRedis;
    let front: TcpFront;
    let members: MemberBrowsers;
    let tone: ToneFile;
    const nodes: NodeProcess[] = [];

    const startNode = async () => {
      const node = await startNodeProcess({ REDIS_URL: redis.url, REDIS_PREFIX: 'browser:' });
      nodes.push(node);
      return node;
    };

    beforeAll(async () => {
      tone = makeToneFile();
      redis = await startRedis(redisPath);
      const [a, b] = [await startNode(), await startNode()];
      front = await startTcpFront([a.url, b.url]);
      members = new MemberBrowsers(executablePath, front.url, tone.path);
    });

    afterAll(async () => {
      await members.closeAll();
      await front.close();
      await Promise.all(nodes.map((node) => node.kill()));
      await redis.stop();
      tone.remove();
    });

    it('keeps the voices flowing, both people seated and a knock in its place while nodes die and come back', async () => {
      const [a, b] = nodes as [NodeProcess, NodeProcess];
      // Ren on node A, Hana on node B: each page's socket stays where it first landed.
      front.prefer(0);
      const ren = await members.open();
      const code = await startCircle(ren, { title: 'Across nodes', capacity: 4, name: 'Ren' });
      front.prefer(1);
      const hana = await members.open();
      await knock(hana, code, 'Hana');
      await admit(ren, hana, 'Hana');
      const ids = { ren: await memberIdOf(ren, 'Ren'), hana: await memberIdOf(ren, 'Hana') };
      await peersConnectedTo(ren, [ids.hana]);
      await peersConnectedTo(hana, [ids.ren]);
      await packetsGrowFrom(ren, [ids.hana]);
      await packetsGrowFrom(hana, [ids.ren]);

      // Kai waits at the door, on node B too.
      const kai = await members.open();
      await knock(kai, code, 'Kai');
      await ren.getByRole('button', { name: 'Admit Kai' }).waitFor();

      const audio = sampleAudio([
        { page: ren, from: ids.hana },
        { page: hana, from: ids.ren },
      ]);

      // Hana's node dies without a word. Her page finds node A through the same front, and Kai's
      // knock keeps its place in the queue.
      await watchAnnouncements(hana);
      await watchAnnouncements(kai);
      await b.kill();
      await backInSeat(hana);
      await waitUntil(
        'Kai to be told he is still waiting',
        () => announced(kai),
        (lines) => lines.some((line) => line.startsWith('Connected again. You are still waiting')),
        BACK_WITHIN_MS,
      );
      await kai.getByText('Waiting for the facilitator to let you in').waitFor();
      await ren
        .locator('#people-list li', { hasText: 'Hana' })
        .filter({ hasNotText: 'reconnecting' })
        .waitFor();

      // B comes back on a new port; then A, which now holds both, dies too.
      const restarted = await startNode();
      front.setNode(1, restarted.url);
      front.prefer(1);
      await watchAnnouncements(ren);
      await watchAnnouncements(hana);
      await a.kill();
      await Promise.all([backInSeat(ren), backInSeat(hana)]);

      // Signaling works again in both directions, through the restarted node.
      await sendChat(ren, 'まだいますか');
      await hana.locator('#chat-lines').getByText('まだいますか').waitFor();
      await sendChat(hana, 'はい、ここに');
      await ren.locator('#chat-lines').getByText('はい、ここに').waitFor();

      // Kai, let in at last from the queue that outlived both nodes.
      await admit(ren, kai, 'Kai');

      const { samples, stalls } = await audio.stop();
      expect(samples).toBeGreaterThan(2);
      expect(stalls).toEqual([]);
      // A dropped socket is the one error a page may log here.
      const { consoleErrors, foreignRequests } = members.problems();
      expect(foreignRequests).toEqual([]);
      expect(consoleErrors.filter((e) => !/WebSocket connection to .* failed/.test(e))).toEqual([]);
    });
  });
});
