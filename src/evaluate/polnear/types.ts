/**
 * The PolNeAR gold format (../shared/data/README.md "PolNeAR gold format"):
 * one `<docId>.json` per article, offsets are UTF-16 indices into
 * `corpus/<docId>.txt` with a leading BOM not counted.
 */

export const POLNEAR_GOLD_FORMAT = 'polnear-gold/1';

/** A piece of text: `text === corpusText.slice(start, end)`. */
export interface TextPiece {
  start: number;
  end: number;
  text: string;
}

/** A mention of the automatic CoreNLP coreference chain that holds a source. */
export interface CorefMention extends TextPiece {
  head: TextPiece;
}

/** A possibly discontinuous span: `start`/`end` cover all fragments, sorted by position. */
export interface GoldSpan extends TextPiece {
  fragments: TextPiece[];
  /** Only on sources, only when a CoreNLP chain holds the source. */
  coref?: CorefMention[];
}

export interface PolnearAttribution {
  /** The BRAT event id (`E12`). */
  id: string;
  content: GoldSpan;
  cue: GoldSpan | null;
  source: GoldSpan | null;
  /** The annotator used the `Attribution-no-source` trigger. */
  noSourceMarked: boolean;
}

export interface PolnearGold {
  docId: string;
  format: typeof POLNEAR_GOLD_FORMAT;
  split: string;
  /** The annotator whose annotation this is. */
  annotator: string;
  /** Everyone who annotated the article, in string order. */
  annotators: string[];
  /** Sorted by content start, then content end. */
  attributions: PolnearAttribution[];
}

/** Per-document counts, summed into the manifest's `totals`. */
export interface ConversionStats {
  attributions: number;
  withSource: number;
  withCue: number;
  discontinuousContent: number;
  /** `Content2`, `Content3` … arguments (a content split over several annotations). */
  multiContentArgs: number;
  /** Events without any content: skipped. */
  noContent: number;
  noSourceMarked: number;
  /** Annotator flags (T labels), not attributions. */
  discuss: number;
  discard: number;
  corefLinked: number;
  /** CoreNLP chain mentions whose token text does not match the article text at their offsets. */
  corefMentionMismatch: number;
  corefMentions: number;
}

export function emptyStats(): ConversionStats {
  return {
    attributions: 0,
    withSource: 0,
    withCue: 0,
    discontinuousContent: 0,
    multiContentArgs: 0,
    noContent: 0,
    noSourceMarked: 0,
    discuss: 0,
    discard: 0,
    corefLinked: 0,
    corefMentionMismatch: 0,
    corefMentions: 0,
  };
}
