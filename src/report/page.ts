import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resourcePath } from '../resources/paths.js';
import { scriptSafeJson } from './chunks.js';
import type { ReportModel } from './model.js';

/**
 * The page: the template of src/resources/report/ with its stylesheet, the
 * client script, Cytoscape.js and the data inlined, so that report.html
 * needs no network (and nothing beside it unless the chunks went to files).
 */

const require = createRequire(import.meta.url);

interface Assets {
  template: string;
  style: string;
  script: string;
  cytoscape: string;
}

let assets: Promise<Assets> | undefined;

function loadAssets(): Promise<Assets> {
  assets ??= (async () => {
    const [template, style, script, cytoscape] = await Promise.all([
      readFile(resourcePath('report', 'report.html'), 'utf8'),
      readFile(resourcePath('report', 'report.css'), 'utf8'),
      readFile(resourcePath('report', 'report.js'), 'utf8'),
      readFile(require.resolve('cytoscape/dist/cytoscape.min.js'), 'utf8'),
    ]);
    return { template, style, script, cytoscape };
  })();
  return assets;
}

/** A script's text can hold anything but the end of its own element. */
const inlineScript = (code: string): string => code.replace(/<\/(script)/gi, '<\\/$1');

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Fills the template's {{slots}} in one pass: inserted text is never scanned again, and a callback's result is taken literally. */
function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{\{([A-Z]+)\}\}/g, (slot, name: string) => slots[name] ?? slot);
}

export async function renderPage(model: ReportModel, inlineChunks: readonly string[]): Promise<string> {
  const { template, style, script, cytoscape } = await loadAssets();
  const chunks = inlineChunks
    .map((payload, index) => `<script type="application/json" class="article-chunk" data-chunk="${index}">${payload}</script>`)
    .join('\n');
  return fill(template, {
    TITLE: escapeHtml(`stancemap report: ${model.source}`),
    STYLE: style.replace(/<\/(style)/gi, '<\\/$1'),
    DATA: scriptSafeJson(model),
    CHUNKS: chunks,
    CYTOSCAPE: inlineScript(cytoscape),
    SCRIPT: inlineScript(script),
  });
}
