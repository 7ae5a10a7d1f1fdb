/**
 * A verification walk as it crosses from its worker thread to the api's: the chain heads (and a later
 * half's open starts) as one line of JSON per stream in a single string, read back a slice at a time.
 * Posted as Maps, the 160k heads of a million events took the api's thread a fifth of a second to
 * take over in one piece, twice for a walk in two halves; a string crosses at once.
 */
import type { ChainHeads, OpenStart, StartFacts, VerifyWalk } from './hash-chain';

export interface WalkOnTheWire {
  walk: Omit<VerifyWalk, 'heads' | 'starts'>;
  heads: string;
  starts?: string;
}

type FactsLine = [
  streamId: string,
  revision: string,
  position: string,
  hash: unknown,
  prevHash: unknown,
  content: boolean,
];

export function walkToWire(walk: VerifyWalk): WalkOnTheWire {
  const { heads, starts, ...rest } = walk;
  let headLines = '';
  for (const [streamId, head] of heads)
    headLines += `${JSON.stringify([streamId, String(head.revision), head.hash])}\n`;
  let startLines: string | undefined;
  if (starts) {
    startLines = '';
    for (const start of starts.values())
      startLines += `${JSON.stringify([start.checked, factsLine(start.link), start.parsed ? factsLine(start.parsed) : null])}\n`;
  }
  return { walk: rest, heads: headLines, ...(startLines === undefined ? {} : { starts: startLines }) };
}

/** The walk again, its lines read `slice` at a time with the event loop let run in between. */
export async function walkFromWire(wire: WalkOnTheWire, slice = 2_000): Promise<VerifyWalk> {
  const heads: ChainHeads = new Map();
  await inSlices(wire.heads, slice, (line) => {
    const [streamId, revision, hash] = JSON.parse(line) as [string, string, string];
    heads.set(streamId, { revision: BigInt(revision), hash });
  });
  if (wire.starts === undefined) return { ...wire.walk, heads };
  const starts = new Map<string, OpenStart>();
  await inSlices(wire.starts, slice, (line) => {
    const [checked, link, parsed] = JSON.parse(line) as [number, FactsLine, FactsLine | null];
    const start = { checked, link: factsOf(link), ...(parsed ? { parsed: factsOf(parsed) } : {}) };
    starts.set(start.link.streamId, start);
  });
  return { ...wire.walk, heads, starts };
}

function factsLine(facts: StartFacts): FactsLine {
  return [facts.streamId, String(facts.revision), String(facts.position), facts.hash, facts.prevHash, facts.content];
}

function factsOf([streamId, revision, position, hash, prevHash, content]: FactsLine): StartFacts {
  return { streamId, revision: BigInt(revision), position: BigInt(position), hash, prevHash, content };
}

async function inSlices(text: string, slice: number, read: (line: string) => void): Promise<void> {
  let from = 0;
  while (from < text.length) {
    for (let n = 0; n < slice && from < text.length; n++) {
      const end = text.indexOf('\n', from);
      read(text.slice(from, end));
      from = end + 1;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
