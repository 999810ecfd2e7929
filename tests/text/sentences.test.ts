import { describe, expect, it } from 'vitest';
import { segmented, sentenceTexts } from '../helpers/documents.js';

const split = (text: string) => sentenceTexts(segmented(text));

describe('splitSentences', () => {
  it('does not split after titles, months, "No." or initials', () => {
    expect(split('Brig. Gen. Yahya Rasool met Gen. Ismail Qaani on Oct. 19. M. S. Qorbani saw No. 3 there.')).toEqual([
      'Brig. Gen. Yahya Rasool met Gen. Ismail Qaani on Oct. 19.',
      'M. S. Qorbani saw No. 3 there.',
    ]);
  });

  it('splits after "U.S." only when a new sentence clearly starts', () => {
    expect(split('Troops left the U.S. The group said U.S. forces stayed.')).toEqual([
      'Troops left the U.S.',
      'The group said U.S. forces stayed.',
    ]);
    expect(split('He met U.S. Secretary Blinken.')).toHaveLength(1);
  });

  it('keeps closing quotes and footnote markers with their sentence', () => {
    expect(split('“We will strike. Nothing will stop us,” Nasrallah said.[4] The Pentagon denied it.')).toEqual([
      '“We will strike.',
      'Nothing will stop us,” Nasrallah said.[4]',
      'The Pentagon denied it.',
    ]);
  });

  it("ends a sentence after an NYT-style closing '' mark", () => {
    expect(split("The mayor called the plan ''a good start.'' He added that more was needed.")).toEqual([
      "The mayor called the plan ''a good start.''",
      'He added that more was needed.',
    ]);
  });

  it('keeps a short frame after a quoted question with the question', () => {
    expect(split('“Have you decided?” Rosa Mendes asked. “Not yet!” The crowd went home after the long and tiring rally.')).toEqual([
      '“Have you decided?” Rosa Mendes asked.',
      '“Not yet!”',
      'The crowd went home after the long and tiring rally.',
    ]);
  });

  it('does not split at a bracketed insertion', () => {
    expect(split('“The enemy [Israel] will pay,” he said.')).toEqual(['“The enemy [Israel] will pay,” he said.']);
  });

  it('ends sentences at line breaks and counts paragraphs at blank lines', () => {
    const doc = segmented('Headline Here\nBy: A. Writer\n\nFirst body sentence. Second one.\n\nThird.');
    expect(sentenceTexts(doc)).toEqual(['Headline Here', 'By: A. Writer', 'First body sentence.', 'Second one.', 'Third.']);
    expect(doc.sentences.map((s) => s.paragraph)).toEqual([0, 0, 1, 1, 2]);
  });

  it('joins a wrapped line that continues in lower case', () => {
    expect(split('The militia said it would\ncontinue its attacks.')).toHaveLength(1);
  });

  it('keeps straight-quoted speech and question marks right', () => {
    expect(split('"Will they attack?" he asked. "Yes."')).toEqual(['"Will they attack?" he asked.', '"Yes."']);
  });
});
