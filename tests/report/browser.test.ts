// The callbacks of page.evaluate run in the page: they are typed against the DOM.
/// <reference lib="dom" />
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { sampleOutput, temp } from '../export/helpers.js';

/**
 * The report in a real browser: Debian's Chromium (installed by .ci/chromium.sh)
 * driven by playwright-core. Without Chromium the suite skips locally, but in CI
 * (CI=true) a missing browser is a failure, not a silent pass.
 */
const CHROMIUM = process.env.STANCEMAP_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const SCREENSHOT_DIR = resolve('.scratch/report');

interface Counts {
  nodes: number;
  edges: number;
  actors: number;
  modelEdges: number;
}

declare global {
  interface Window {
    __stancemapReport: {
      ready: Promise<void>;
      model: { actors: unknown[]; edges: Array<{ refs: unknown[] }>; articles: Array<{ labels: number }> };
      cy: {
        nodes(): { length: number };
        edges(): Array<{ renderedMidpoint(): { x: number; y: number }; data(key: string): unknown }> & { length: number };
      } | null;
    };
  }
}

async function open(browser: Browser, html: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pathToFileURL(html).href);
  await page.waitForFunction(() => window.__stancemapReport !== undefined);
  await page.evaluate(() => window.__stancemapReport.ready);
  return { page, errors };
}

/**
 * Clicks an edge where Cytoscape draws it, as a user would: the heaviest one
 * whose midpoint no node covers (the force layout is not the same every run),
 * recognised by the panel naming its two actors. Returns the edge's weight.
 */
async function clickAnEdge(page: Page): Promise<number> {
  const box = (await page.locator('#graph').boundingBox())!;
  for (let index = 0; index < 20; index++) {
    const edge = await page.evaluate((i) => {
      const report = window.__stancemapReport;
      const e = report.cy!.edges()[i];
      if (e === undefined) return null;
      const name = (id: unknown) => (report.model.actors as Array<{ id: string; name: string }>).find((a) => a.id === id)!.name;
      return {
        ...e.renderedMidpoint(),
        title: `${name(e.data('source'))} → ${name(e.data('target'))}`,
        weight: (e.data('refs') as unknown[]).length,
      };
    }, index);
    if (edge === null) break;
    await page.mouse.click(box.x + edge.x, box.y + edge.y);
    if ((await page.locator('#edge-panel h3').innerText()) === edge.title) return edge.weight;
  }
  throw new Error('no edge could be clicked');
}

describe.skipIf(!available && process.env.CI !== 'true')('the report in Chromium', () => {
  let browser: Browser;
  let inline: string;
  let chunked: string;

  beforeAll(async () => {
    if (!available) throw new Error(`CI=true but no Chromium at ${CHROMIUM}: .ci/chromium.sh should have installed it`);
    const output = await sampleOutput();
    const dir = temp('report');
    inline = join(dir, 'report.html');
    chunked = join(dir, 'chunked.html');
    expect((await cli('report', output, '--out', inline, '-q')).code).toBe(0);
    expect((await cli('report', output, '--out', chunked, '--articles', 'files', '--chunk-size', '4', '-q')).code).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('highlights mentions by type and underlines statements by label', async () => {
    const { page, errors } = await open(browser, inline);
    for (const type of ['PERSON', 'ORGANIZATION', 'LOCATION'])
      expect(await page.locator(`#articles mark.mention.m-${type}`).count(), type).toBeGreaterThan(0);
    for (const label of ['support', 'threat', 'claim'])
      expect(await page.locator(`#articles .stmt.st-${label}`).count(), label).toBeGreaterThan(0);
    const underline = await page
      .locator('#articles .stmt.st-threat')
      .first()
      .evaluate((node) => getComputedStyle(node).textDecorationLine);
    expect(underline).toContain('underline');
    await page.locator('#articles .stmt').first().hover();
    await expect.poll(() => page.locator('#tip').isVisible()).toBe(true);
    expect(await page.locator('#tip').innerText()).toMatch(/speaker[\s\S]*targets[\s\S]*cue[\s\S]*rule[\s\S]*confidence/);
    expect(await page.locator('#summary').innerText()).toMatch(/articles[\s\S]*Failures \(0\)[\s\S]*Models[\s\S]*kb-gazetteer/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws the actor graph and lists an edge’s statements, with links into the articles, when the edge is clicked', async () => {
    const { page, errors } = await open(browser, inline);
    const counts: Counts = await page.evaluate(() => {
      const report = window.__stancemapReport;
      return {
        nodes: report.cy!.nodes().length,
        edges: report.cy!.edges().length,
        actors: report.model.actors.length,
        modelEdges: report.model.edges.length,
      };
    });
    expect(counts.nodes).toBeGreaterThan(5);
    expect(counts.edges).toBeGreaterThan(5);
    expect([counts.nodes, counts.edges]).toEqual([counts.actors, counts.modelEdges]);
    expect(await page.locator('#graph canvas').count()).toBeGreaterThan(0);
    const weight = await clickAnEdge(page);
    const links = page.locator('#edge-panel li a[data-doc]');
    await expect.poll(() => links.count()).toBe(Math.min(weight, 25));
    await expect.poll(() => page.locator('#edge-panel .quote').first().innerText()).toMatch(/^“/);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'graph.png') });
    const statement = await links.first().getAttribute('data-statement');
    await links.first().click();
    await expect.poll(() => page.locator(`#articles .stmt.flash[data-statement="${statement}"]`).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters the article list by label, speaker and entity', async () => {
    const { page } = await open(browser, inline);
    const threatArticles = await page.evaluate(() => window.__stancemapReport.model.articles.filter((a) => a.labels & 2).length);
    const total = await page.evaluate(() => window.__stancemapReport.model.articles.length);
    await page.selectOption('#filter-label', 'threat');
    await expect.poll(() => page.locator('#match-count').innerText()).toBe(`${threatArticles} of ${total} articles`);
    expect(await page.locator('#articles .stmt.st-support.dim').count()).toBeGreaterThan(0);
    await page.fill('#filter-entity', 'zzzz no such name');
    await expect.poll(() => page.locator('#articles .empty').count()).toBe(1);
    await page.fill('#filter-entity', '');
    await page.fill('#filter-speaker', 'Hezbollah');
    await expect.poll(async () => Number((await page.locator('#match-count').innerText()).split(' ')[0])).toBeGreaterThan(0);
    const shown = await page.locator('#articles article.doc').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(total);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'articles.png'), fullPage: true });
    await page.close();
  });

  it('loads article chunks from files beside the page on demand (file://, no network)', async () => {
    expect(readdirSync(join(chunked, '..', 'chunked-files')).length).toBeGreaterThan(2);
    const { page, errors } = await open(browser, chunked);
    expect(await page.locator('#articles article.doc').count()).toBe(20);
    await page.locator('#pager button', { hasText: 'next' }).click();
    await expect.poll(() => page.locator('#articles article.doc').count()).toBeGreaterThan(0);
    expect(await page.locator('#articles mark.mention').count()).toBeGreaterThan(0);
    expect(await page.locator('script[src*="chunked-files/articles-"]').count()).toBeGreaterThan(5);
    expect(errors).toEqual([]);
    await page.close();
  });
});
