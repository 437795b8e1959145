import { readFileSync } from 'node:fs';
import path from 'node:path';
import { clientEventNames, clientEvents } from '../../../../shared/protocol/client-events';

const doc = readFileSync(
  path.join(__dirname, '..', '..', '..', '..', 'docs', 'protocol.md'),
  'utf8',
);

/** The rows of the "Client → server events" table: event name → who may send it. */
function documentedSenders(): Map<string, string> {
  const section = doc.slice(doc.indexOf('## 4. Client → server events'));
  const table = section.slice(
    section.indexOf('\n|'),
    section.indexOf('\n\n', section.indexOf('\n|')),
  );
  const rows = new Map<string, string>();
  for (const line of table.split('\n')) {
    const match = /^\| `([a-z]+:[A-Za-z]+)` +\| ([^|]+?) +\|/.exec(line);
    if (match?.[1] && match[2]) rows.set(match[1], match[2]);
  }
  return rows;
}

describe('docs/protocol.md against the table of client events', () => {
  it.each(clientEventNames)('%s has a section of its own', (event) => {
    const headings = doc.split('\n').filter((line) => line.startsWith('### '));
    expect(headings.some((heading) => heading.includes(`\`${event}\``))).toBe(true);
  });

  it('lists every event, and only those, with who may send it as the table says', () => {
    const documented = documentedSenders();
    expect([...documented.keys()].sort()).toEqual([...clientEventNames].sort());
    for (const event of clientEventNames) {
      expect({ event, sender: documented.get(event) }).toEqual({
        event,
        sender: clientEvents[event].sender,
      });
    }
  });
});
