import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/io/html.js';

describe('extractHtml', () => {
  const page = `<!doctype html><html><head><title>Site | Story</title><meta property="og:title" content="Nasrallah&#8217;s Speech">
  <meta name="author" content="Jane Doe"><style>p{}</style></head>
  <body><nav><a href="/">Home</a> <a href="/x">World</a></nav>
  <article><h1>Nasrallah&#8217;s   Speech</h1>
  <p class="byline">By Jane Doe</p>
  <p>Hezbollah &amp; its allies
     said <b>more</b>.<br>Second line</p>
  <ul><li>One</li><li>Two</li></ul>
  <script>var x = "Hamas";</script>
  <blockquote>“We will respond,” he said.</blockquote></article></body></html>`;

  it('joins block elements with a blank line, collapses whitespace and decodes entities', () => {
    expect(extractHtml(page).text).toBe(
      'Nasrallah’s Speech\n\nBy Jane Doe\n\nHezbollah & its allies said more.\nSecond line\n\nOne\n\nTwo\n\n“We will respond,” he said.',
    );
  });

  it('drops scripts, styles and navigation', () => {
    const { text } = extractHtml(page);
    expect(text).not.toContain('Home');
    expect(text).not.toContain('var x');
  });

  it('takes the title and author from meta tags', () => {
    expect(extractHtml(page)).toMatchObject({ title: 'Nasrallah’s Speech', author: 'Jane Doe' });
  });

  it('keeps the text of a page whose body is one <form> (ASP.NET), dropping only the form controls', () => {
    const aspx = `<html><body><form method="post" action="./story.aspx" id="form1">
      <input type="hidden" name="__VIEWSTATE" value="dDwtMTA4MTY1">
      <div class="story"><h1>Harbour Board Approves Dredging</h1>
      <p>The Marrowby harbour board voted on Monday to deepen the channel.</p></div>
      <fieldset><label for="q">Search</label> <input id="q"><button>Go</button>
      <select name="s"><option>All sections</option></select><textarea>Your comment</textarea></fieldset>
    </form></body></html>`;
    expect(extractHtml(aspx).text).toBe(
      'Harbour Board Approves Dredging\n\nThe Marrowby harbour board voted on Monday to deepen the channel.',
    );
  });
});
