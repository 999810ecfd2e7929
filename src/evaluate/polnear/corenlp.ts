import { Parser } from 'htmlparser2';

/**
 * The CoreNLP XML files PolNeAR ships (`data/<split>/corenlp/<stem>.txt.xml`):
 * tokens with character offsets under `<sentences>`, and dcoref chains under
 * `<coreference>`, each mention given by sentence, start token, end token
 * (exclusive), head token (all 1-based) and its tokens' text. This coreference
 * is automatic, not gold; the scorer uses it only for its "lenient" figure.
 */

export interface ChainMention {
  /** Character offsets of the file's text, as CoreNLP counted them (BOM included). */
  start: number;
  end: number;
  head: { start: number; end: number };
  /** The mention's tokens joined by spaces, as CoreNLP wrote them (`-LRB-`, ``` `` ```). */
  tokenText: string;
}

interface MentionFields {
  sentence?: string;
  start?: string;
  end?: string;
  head?: string;
  text?: string;
}

const MENTION_FIELDS = new Set(['sentence', 'start', 'end', 'head', 'text']);

interface RawCoref {
  /** `"sentence:token"` → [begin, end]. */
  tokens: Map<string, [number, number]>;
  chains: MentionFields[][];
}

/** Collects tokens and raw chain mentions; which element a tag belongs to is told by its parent. */
function readXml(xml: string): RawCoref {
  const tokens = new Map<string, [number, number]>();
  const chains: MentionFields[][] = [];
  const stack: string[] = [];
  let text = '';
  let sentence = '';
  let token = { id: '', begin: NaN, end: NaN };
  let chain: MentionFields[] | null = null;
  let mention: MentionFields | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const parent = stack[stack.length - 1];
        stack.push(name);
        text = '';
        if (name === 'sentence' && parent === 'sentences') sentence = attributes.id ?? '';
        else if (name === 'token' && parent === 'tokens') token = { id: attributes.id ?? '', begin: NaN, end: NaN };
        else if (name === 'coreference' && parent === 'coreference') chain = [];
        else if (name === 'mention' && chain) mention = {};
      },
      ontext(data) {
        text += data;
      },
      onclosetag(name) {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent === 'token' && name === 'CharacterOffsetBegin') token.begin = Number(text.trim());
        else if (parent === 'token' && name === 'CharacterOffsetEnd') token.end = Number(text.trim());
        else if (name === 'token' && Number.isInteger(token.begin) && Number.isInteger(token.end))
          tokens.set(`${sentence}:${token.id}`, [token.begin, token.end]);
        else if (parent === 'mention' && mention && MENTION_FIELDS.has(name)) mention[name as keyof MentionFields] = text;
        else if (name === 'mention' && mention && chain) {
          chain.push(mention);
          mention = null;
        } else if (name === 'coreference' && chain) {
          chains.push(chain);
          chain = null;
        }
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  return { tokens, chains };
}

/** A mention placed on the token offsets; null when one of its tokens is not in the file. */
function placeMention(fields: MentionFields, tokens: RawCoref['tokens']): ChainMention | null {
  const [sentence, start, end, head] = [fields.sentence, fields.start, fields.end, fields.head].map((v) => Number(v?.trim()));
  if (![sentence, start, end, head].every(Number.isInteger)) return null;
  const first = tokens.get(`${sentence}:${start}`);
  const last = tokens.get(`${sentence}:${end! - 1}`);
  const headToken = tokens.get(`${sentence}:${head}`);
  if (!first || !last || !headToken) return null;
  return { start: first[0], end: last[1], head: { start: headToken[0], end: headToken[1] }, tokenText: fields.text ?? '' };
}

/** The dcoref chains of a CoreNLP XML file, in file order; mentions that cannot be placed are left out, and so are chains left empty. */
export function parseCoreNlpChains(xml: string): ChainMention[][] {
  const { tokens, chains } = readXml(xml);
  return chains
    .map((chain) => chain.map((fields) => placeMention(fields, tokens)).filter((m): m is ChainMention => m !== null))
    .filter((chain) => chain.length > 0);
}

/** Penn Treebank escapes CoreNLP writes for brackets and quotes. */
const PTB_TOKENS: ReadonlyMap<string, string> = new Map([
  ['-LRB-', '('],
  ['-RRB-', ')'],
  ['-LSB-', '['],
  ['-RSB-', ']'],
  ['-LCB-', '{'],
  ['-RCB-', '}'],
  ['``', '"'],
  ["''", '"'],
  ['`', "'"],
]);

/** Spacing and quote style differ between CoreNLP's tokens and the text, so both are compared without them. */
function comparable(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[“”"]/g, '"')
    .replace(/[‘’`']/g, "'");
}

/** Whether a chain mention's tokens spell the text found at its offsets (a check on the offsets, counted in the manifest). */
export function mentionMatchesText(tokenText: string, slice: string): boolean {
  const unescaped = tokenText
    .split(' ')
    .map((t) => PTB_TOKENS.get(t) ?? t)
    .join('');
  return comparable(unescaped) === comparable(slice);
}
