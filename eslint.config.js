// ESLint flat config (`npm run lint`): @eslint/js and typescript-eslint
// recommended over src/, tests/, scripts/, tools/ and bench/, plus two shape
// rules for src/ and tools/.
// The syntactic presets only, not the type-checked ones: no type information
// is built, so linting stays fast; `npm run typecheck` does the type checks.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // The git-ignored folders (build and run output, caches, scratch space)
    // and the data folders, which hold no code.
    ignores: [
      'dist/',
      'output/',
      'node_modules/',
      'coverage/',
      '.bench/',
      '.scratch/',
      '.eval/',
      '**/*.tmp-*',
      'corpus/',
      'gold/',
      'eval/',
      'schema/',
    ],
  },
  {
    files: ['src/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.ts', 'tools/**/*.ts', 'bench/**/*.ts', '*.ts', '*.js'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // Leaving a key out of a copy by destructuring it next to a rest element
      // (`const { kbId: _dropped, ...rest } = mention`) is the idiom here; the
      // named key is unused by design. Other unused names are still errors.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // The report's client script runs in the browser as a classic script,
    // inlined into the page (src/report/page.ts): the recommended rules with
    // the few browser globals it uses declared here rather than through
    // another package of global lists.
    files: ['src/resources/report/*.js'],
    extends: [js.configs.recommended],
    languageOptions: {
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', setTimeout: 'readonly', cytoscape: 'readonly' },
    },
  },
  {
    // Shape rules, for src/ and tools/ (tests keep their long describe
    // blocks; the benchmark is one flat script): a function fits on a screen,
    // and a call with more than four arguments names them in an options
    // object instead of a positional list.
    files: ['src/**/*.ts', 'tools/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-params': ['error', 4],
    },
  },
);
