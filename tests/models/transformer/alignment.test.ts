import { describe, expect, it } from 'vitest';
import { alignPieces, WORDPIECE_STYLE, type PieceStyle } from '../../../src/models/transformer/alignment.js';

const BYTE_LEVEL: PieceStyle = { continuationPrefix: null, wordStartMarker: 'Ġ', byteLevel: true };
const SENTENCEPIECE: PieceStyle = { continuationPrefix: null, wordStartMarker: '▁', byteLevel: false };

function placed(text: string, pieces: string[], style: PieceStyle = WORDPIECE_STYLE): string[] {
  return alignPieces(text, pieces, style).map((p) =>
    p.span ? `${text.slice(p.span.start, p.span.end)}${p.continuesWord ? '+' : ''}` : '∅',
  );
}

describe('alignPieces', () => {
  it('places lower-cased, accent-stripped WordPiece pieces on the original characters', () => {
    const text = 'Hezbollah’s chief met Éric in Beyrouth.';
    const pieces = ['hez', '##bollah', '’', 's', 'chief', 'met', 'eric', 'in', 'bey', '##rou', '##th', '.'];
    expect(placed(text, pieces)).toEqual(['Hez', 'bollah+', '’', 's', 'chief', 'met', 'Éric', 'in', 'Bey', 'rou+', 'th+', '.']);
  });

  it('gives an [UNK] the word between its neighbours and carries on', () => {
    const text = 'Crowds 😀 cheered Hamas';
    expect(placed(text, ['crowds', '[UNK]', 'cheered', 'hamas'])).toEqual(['Crowds', '😀', 'cheered', 'Hamas']);
  });

  it('keeps offsets right after characters outside the Basic Multilingual Plane', () => {
    const text = '𝐁𝐨𝐥𝐝 text, then Gaza';
    const aligned = alignPieces(text, ['[UNK]', 'text', ',', 'then', 'gaza'], WORDPIECE_STYLE);
    const gaza = aligned[4]!.span!;
    expect(text.slice(gaza.start, gaza.end)).toBe('Gaza');
    expect(gaza.start).toBe(text.indexOf('Gaza'));
  });

  it('does not mark a piece after a space as continuing a word, even with ##', () => {
    expect(placed('Gaza strip', ['gaza', '##strip'])).toEqual(['Gaza', 'strip']);
  });

  it('reads byte-level BPE pieces, multi-byte characters included', () => {
    // "Ã©" is how byte-level BPE spells the two bytes of "é".
    const text = 'Le café Hezbollah';
    expect(placed(text, ['Le', 'Ġcaf', 'Ã©', 'ĠHez', 'bollah'], BYTE_LEVEL)).toEqual(['Le', 'caf', 'é+', 'Hez', 'bollah+']);
  });

  it('reads SentencePiece pieces, which mark the start of a word', () => {
    expect(placed('Hassan Nasrallah spoke', ['▁Hassan', '▁Nas', 'rallah', '▁spoke'], SENTENCEPIECE)).toEqual([
      'Hassan',
      'Nas',
      'rallah+',
      'spoke',
    ]);
  });

  it('does not jump far ahead to place a piece the text lacks there', () => {
    const text = `alpha ${'x'.repeat(100)} beta`;
    expect(placed(text, ['alpha', 'beta'])[1]).toBe('∅');
  });
});
