// ESLint flat config (`npm run lint`): @eslint/js and typescript-eslint
// recommended over src/, tests/ and scripts/, plus two shape rules for src/.
// The syntactic presets only, not the type-checked ones: no type information
// is built, so linting stays fast; `npm run typecheck` does the type checks.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // The git-ignored folders (build and run output, caches, scratch space)
    // and the data folders, which hold no code.
    ignores: ['dist/', 'output/', 'node_modules/', 'coverage/', '.bench/', '.scratch/', '.eval/', '**/*.tmp-*', 'corpus/', 'gold/', 'eval/', 'schema/'],
  },
  {
    files: ['src/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.ts', '*.ts', '*.js'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // Leaving a key out of a copy by destructuring it next to a rest element
      // (`const { kbId: _dropped, ...rest } = mention`) is the idiom here; the
      // named key is unused by design. Other unused names are still errors.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Shape rules, for src/ (tests keep their long describe blocks): a
    // function fits on a screen, and a call with more than four arguments
    // names them in an options object instead of a positional list.
    files: ['src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-params': ['error', 4],
    },
  },
  {
    // TEMPORARY (issue 13): these folders are being reworked in parallel;
    // their shape violations are warnings until that work lands. Remove a
    // folder from this list once `npx eslint <folder>` has no warnings.
    files: ['src/models/**', 'src/pipeline/**', 'src/text/**', 'src/resources/**', 'src/testing/**', 'src/bench/**'],
    rules: {
      'max-lines-per-function': ['warn', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-params': ['warn', 4],
    },
  },
  {
    // TEMPORARY (issue 13), same reason: recommended-rule findings in files
    // under that rework are warnings until their owners fix them. Here,
    // comma and ternary expressions used as statements.
    files: ['src/models/ner/features.ts', 'src/models/ner/training.ts', 'src/pipeline/stages/entities.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'warn' },
  },
  {
    // TEMPORARY (issue 13), same reason: `\[` and `\-` escapes inside regular
    // expression character classes, where they are not needed.
    files: ['src/text/normalize.ts', 'src/text/quotes.ts', 'src/text/sentences.ts', 'src/text/tokenize.ts'],
    rules: { 'no-useless-escape': 'warn' },
  },
);
