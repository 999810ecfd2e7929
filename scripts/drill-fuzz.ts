/**
 * The generated documents of `npm run drill`'s fuzz step: ordinary news,
 * and everything an input folder left unattended may hold. Deterministic for
 * a given random source.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Random = () => number;

const NAMES = ['Ismail Qaani', 'Oruba Tesfanet', 'Tomas Veller', 'Ilse Marrow', 'Daoud Qarani', 'Petra Lindqvist', 'Hassan Nasrallah'];
const GROUPS = ['Hamas', 'Hezbollah', 'the Pentagon', 'the Kelvane Water Authority', 'the United Nations', 'Iran', 'Israel', 'NATO'];
const CUES = ['said', 'warned', 'threatened to attack', 'praised', 'condemned', 'vowed to support', 'denied', 'told reporters that'];
const ODD = [
  'e\u0301',
  '👩‍👩‍👧',
  '🇺🇦',
  'مرحبا بالعالم',
  'שלום',
  '北京市',
  '\u200b',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ud800',
  '\udfff',
  '𝐀𝐁𝐂',
  'नमस्ते',
  'สวัสดี',
  '\u0007',
  '\u001b[31m',
  '\ufe0f',
  'Z̷̢͉a̶͎l̵g̴o̸',
  'ＨＡＭＡＳ',
  'İstanbul',
  'STRAẞE',
  'ﬁnance',
  '\r',
  '\t',
  '“',
  '”',
  '«',
  '»',
  '„',
  '‘',
];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

function sentence(random: Random): string {
  const speaker = random() < 0.5 ? pick(random, NAMES) : pick(random, GROUPS);
  const quote = random() < 0.3;
  const body = `${pick(random, GROUPS)} would ${pick(random, ['meet', 'strike', 'back', 'reject'])} ${pick(random, GROUPS)} on ${pick(random, ['Monday', 'Sunday', 'March 3'])}`;
  return quote ? `“${body},” ${speaker} ${pick(random, ['said', 'added'])}.` : `${speaker} ${pick(random, CUES)} ${body}.`;
}

function news(random: Random, paragraphs = int(random, 1, 6)): string {
  return (
    Array.from({ length: paragraphs }, () => Array.from({ length: int(random, 1, 5) }, () => sentence(random)).join(' ')).join('\n\n') +
    '\n'
  );
}

function oddUnicode(random: Random): string {
  return Array.from({ length: int(random, 5, 60) }, () => (random() < 0.5 ? pick(random, ODD) : sentence(random))).join(
    pick(random, [' ', '', '\n', '\n\n']),
  );
}

function randomBytes(random: Random): Buffer {
  // Half with NUL bytes (binary, E102), half without (invalid UTF-8, read with W201).
  const noNul = random() < 0.5;
  return Buffer.from(Array.from({ length: int(random, 1, 3000) }, () => (noNul ? int(random, 1, 255) : int(random, 0, 255))));
}

function html(random: Random): string {
  const pieces = [
    () => `<p>${sentence(random)}</p>`,
    () => `<div class="x"><span>${sentence(random)}</span>`,
    () => `</div></div>`,
    () => `<script>var s = "<p>not text</p>"; if (a < b) {}</script>`,
    () => `<style>p { color: red }</style>`,
    () => `<!-- ${sentence(random)} -->`,
    () => `&amp; &nbsp; &#x1F600; &#0; &bogus; &lt;b&gt;`,
    () => `<table><tr><td>${pick(random, NAMES)}</td><td>${sentence(random)}`,
    () => `<ul><li>${sentence(random)}<li>${sentence(random)}</ul>`,
    () => `<a href="x>y" title='${pick(random, ODD)}'>${pick(random, GROUPS)}</a>`,
    () => `<br/><BR><img src=x onerror=alert(1)><hr>`,
    () => `<h${int(random, 1, 6)}>${sentence(random)}`,
    () => `<![CDATA[ ${sentence(random)} ]]>`,
    () => `<pre>  ${sentence(random)}\n   indented</pre>`,
    () => `<svg><text>${pick(random, GROUPS)}</text></svg><math><mi>x</mi></math>`,
    () => `<blockquote>${sentence(random)}</blockquote>`,
    () => pick(random, ODD),
    () => `<p`,
  ];
  const head = random() < 0.7 ? `<!DOCTYPE html><html><head><title>${sentence(random)}</title><meta charset="utf-8"></head><body>` : '';
  return head + Array.from({ length: int(random, 1, 40) }, () => pick(random, pieces)()).join(pick(random, ['', '\n', ' ']));
}

function markdown(random: Random): string {
  const pieces = [
    () => `# ${sentence(random)}`,
    () => `- ${sentence(random)}\n- ${sentence(random)}`,
    () => '```\ncode(); // ' + sentence(random) + '\n```',
    () => `| a | b |\n|---|---|\n| ${pick(random, NAMES)} | ${pick(random, GROUPS)} |`,
    () => `> ${sentence(random)}`,
    () => `**${pick(random, NAMES)}** said _${sentence(random)}_ [link](http://example.com)`,
    () => `---\ntitle: ${sentence(random)}\n---`,
    () => news(random, 1),
  ];
  return Array.from({ length: int(random, 1, 12) }, () => pick(random, pieces)()).join('\n\n');
}

/** One JSONL line: valid, or broken in one of the ways a feed breaks. */
function jsonlLine(random: Random, id: string): string {
  const text = random() < 0.8 ? news(random, int(random, 1, 3)) : oddUnicode(random);
  const valid = () =>
    JSON.stringify({
      id,
      text,
      title: random() < 0.5 ? sentence(random) : undefined,
      date: pick(random, ['2023-10-07', '2023-13-45', 'yesterday', undefined]),
    });
  const broken = [
    () => valid().slice(0, int(random, 1, 40)),
    () => '{}',
    () => JSON.stringify({ id: 5, text }),
    () => JSON.stringify({ id }),
    () => JSON.stringify({ id: '', text }),
    () => JSON.stringify({ id: `../${id}`, text }),
    () => JSON.stringify({ id: `nested/${id}/deep`, text }),
    () => JSON.stringify({ id: 'manifest', text }),
    () => JSON.stringify({ id: 'dup-id', text }),
    () => JSON.stringify({ id, text: '' }),
    () => JSON.stringify({ id, text: `nul\u0000inside` }),
    () => '[1, 2, 3]',
    () => 'null',
    () => '',
    () => `\ufeff${valid()}`,
  ];
  return random() < 0.6 ? valid() : pick(random, broken)();
}

function lineEndings(random: Random, text: string): string {
  return text.replace(/\n/g, () => pick(random, ['\r\n', '\r', '\n']));
}

interface Written {
  kind: string;
  documents: number;
}

/** Writes one generated input; returns its kind and how many documents it holds (a .jsonl file: its lines). */
function writeOne(dir: string, index: number, random: Random): Written {
  const roll = random();
  const file = (kind: string, ext: string, content: string | Buffer, name = `${kind}-${index}`): Written => {
    mkdirSync(join(dir, kind), { recursive: true });
    writeFileSync(join(dir, kind, `${name}.${ext}`), content);
    return { kind, documents: 1 };
  };
  if (roll < 0.004)
    return file(
      'huge-line',
      'txt',
      sentence(random)
        .repeat(int(random, 1_500, 3_000))
        .replace(/\n/g, ' '),
    );
  if (roll < 0.006) return file('no-spaces', 'txt', 'x'.repeat(int(random, 100_000, 150_000)));
  if (roll < 0.008) return file('long', 'txt', news(random, int(random, 400, 900)));
  if (roll < 0.05) return jsonlFile(dir, index, random);
  if (roll < 0.3) return file('news', 'txt', news(random));
  if (roll < 0.42) return file('random-bytes', 'txt', randomBytes(random));
  if (roll < 0.56)
    return file('odd-unicode', pick(random, ['txt', 'md']), oddUnicode(random), random() < 0.2 ? `odd name ü ${index}` : undefined);
  if (roll < 0.61) return file('empty', 'txt', pick(random, ['', ' ', '\n\n\t ', '\ufeff', '\u200b']));
  if (roll < 0.78) return file('html', pick(random, ['html', 'htm']), html(random));
  if (roll < 0.9) return file('markdown', 'md', markdown(random));
  return file('line-endings', 'txt', lineEndings(random, news(random)));
}

function jsonlFile(dir: string, index: number, random: Random): Written {
  const lines = Array.from({ length: int(random, 2, 12) }, (_, line) => jsonlLine(random, `feed-${index}-${line}`));
  mkdirSync(join(dir, 'jsonl'), { recursive: true });
  writeFileSync(join(dir, 'jsonl', `feed-${index}.jsonl`), lines.join('\n') + (random() < 0.8 ? '\n' : ''));
  return { kind: 'jsonl', documents: lines.length };
}

/** Writes about `total` documents under `dir`; returns how many of each kind. */
export function fuzzCorpus(dir: string, total: number, random: Random): Record<string, number> {
  const kinds: Record<string, number> = {};
  let documents = 0;
  for (let index = 0; documents < total; index++) {
    const written = writeOne(dir, index, random);
    kinds[written.kind] = (kinds[written.kind] ?? 0) + written.documents;
    documents += written.documents;
  }
  return kinds;
}
