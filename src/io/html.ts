import { Parser } from 'htmlparser2';

export interface ExtractedHtml {
  text: string;
  title: string | null;
  author: string | null;
  date: string | null;
}

const BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'blockquote',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'tr',
  'pre',
  'figcaption',
  'dd',
  'dt',
  'main',
  'aside',
  'table',
  'ul',
  'ol',
  'dl',
  'figure',
  'address',
  'body',
  'form',
  'fieldset',
]);
/**
 * Elements whose text is never the article's. A `<form>` is not among them:
 * ASP.NET and other server-side frameworks wrap the whole page body in one,
 * so only the controls and their labels are dropped (buttons, option lists,
 * text areas); `<input>` holds no text.
 */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'head',
  'svg',
  'iframe',
  'button',
  'select',
  'datalist',
  'textarea',
  'label',
]);

/**
 * The readable text of an HTML page (docs/GOLD-MARKUP.md defines it): each
 * block element is a paragraph, paragraphs are joined by a blank line,
 * whitespace inside one collapses to a space, `<br>` is a line break, and
 * scripts, styles and navigation are dropped. Title, author and date come
 * from `<meta>` tags or `<title>` when the page has them.
 */
export function extractHtml(html: string): ExtractedHtml {
  const paragraphs: string[] = [];
  let current = '';
  let dropDepth = 0;
  let inTitle = false;
  let title = '';
  const meta: Record<string, string> = {};

  const flush = () => {
    const cleaned = current
      .split('\n')
      .map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
      .join('\n')
      .trim();
    if (cleaned) paragraphs.push(cleaned);
    current = '';
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title') inTitle = true;
        if (name === 'meta') {
          const key = (attributes.property ?? attributes.name ?? '').toLowerCase();
          if (key && attributes.content) meta[key] = attributes.content;
        }
        if (DROPPED.has(name)) {
          dropDepth++;
          return;
        }
        if (dropDepth > 0) return;
        if (BLOCKS.has(name)) flush();
        if (name === 'br') current += '\n';
      },
      ontext(data) {
        if (inTitle) title += data;
        if (dropDepth === 0) current += data.replace(/\s+/g, ' ');
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (DROPPED.has(name)) {
          dropDepth = Math.max(0, dropDepth - 1);
          return;
        }
        if (dropDepth === 0 && BLOCKS.has(name)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();

  const metaTitle = meta['og:title'] ?? meta['twitter:title'];
  return {
    text: paragraphs.join('\n\n'),
    title: clean(metaTitle ?? title) || null,
    author: clean(meta['author'] ?? meta['article:author'] ?? '') || null,
    date: clean(meta['article:published_time'] ?? meta['date'] ?? meta['pubdate'] ?? '') || null,
  };
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
