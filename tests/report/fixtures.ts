import type { Article } from '../../src/schema/article.js';
import { makeArticle, spanOf } from '../helpers/articles.js';

/** Invented names only. Oruba Tesfanet and the Kelvane Water Authority are in the knowledge base (kbId); Tomas Veller is not. */
export function kelvaneArticle(docId: string, date: string | null, veller = 'Tomas Veller'): Article {
  const text = `${veller} warned the Kelvane Water Authority. Oruba Tesfanet praised the Kelvane Water Authority. ${veller} said the rains came.`;
  const article = makeArticle(text, {
    docId,
    entities: [
      { type: 'PERSON', mentions: [spanOf(text, veller), spanOf(text, veller, 2)] },
      { type: 'ORGANIZATION', mentions: [spanOf(text, 'Kelvane Water Authority'), spanOf(text, 'Kelvane Water Authority', 2)] },
      { type: 'PERSON', mentions: [spanOf(text, 'Oruba Tesfanet')] },
    ],
    statements: [
      { label: 'threat', ...spanOf(text, `${veller} warned the Kelvane Water Authority.`), speaker: 'e1', targets: ['e2'] },
      { label: 'support', ...spanOf(text, 'Oruba Tesfanet praised the Kelvane Water Authority.'), speaker: 'e3', targets: ['e2'] },
      { label: 'claim', ...spanOf(text, `${veller} said the rains came.`), speaker: 'e1', targets: [] },
    ],
  });
  article.entities[1]!.kbId = 'kelvane-water-authority';
  article.entities[2]!.kbId = 'oruba-tesfanet';
  article.metadata.date = date;
  article.metadata.title = `Rains over Kelvane (${docId})`;
  return article;
}
