// @ts-check
/**
 * Lint: typescript-eslint's recommended rules, the layer order of ARCHITECTURE.md, no import
 * cycles, and which folders may use discord.js, minisearch and better-sqlite3. Formatting is Prettier's
 * (eslint-config-prettier turns off the rules that would fight it).
 */
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The folders of src/, lowest first. A folder may import its own files, platform/, and the
 * folders of lower rows; folders in one row may not import each other.
 */
const LAYERS = [
  ['corpus'],
  ['text'],
  ['search'],
  ['reading'],
  ['answer', 'quote'],
  ['library', 'feedback'],
  ['commands'],
  ['render'],
  ['transports'],
  ['app'],
];
const WHY =
  'Dependencies point down the layers: corpus → text → search → reading → answer/quote → library/feedback → commands → render → transports → app (see ARCHITECTURE.md).';

/** One zone per folder: what it may not import (every higher row, and its peers). */
function layerZones() {
  const zones = LAYERS.flatMap((row, level) => {
    const above = LAYERS.slice(level + 1).flat();
    return row.map((folder) => ({
      target: `./src/${folder}`,
      from: [...above, ...row.filter((peer) => peer !== folder)].map((f) => `./src/${f}`),
      message: WHY,
    }));
  }).filter((zone) => zone.from.length > 0);
  // The platform serves every layer and knows none of them.
  zones.push({
    target: './src/platform',
    from: LAYERS.flat().map((f) => `./src/${f}`),
    message: 'platform/ (config, log, errors, scheduler, watch) imports no layer above it.',
  });
  return zones;
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bench/corpora/', 'bench/data/', '.index-cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Tells import-x to parse TypeScript files, so that it follows their imports (for no-cycle).
  importX.flatConfigs.typescript,
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      'import-x/no-cycle': 'error',
      // A handler registered before a slow start reads a variable that the start assigns later.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones() }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'discord.js', message: 'Only src/transports/discord/ (and the deploy script) talk to Discord.' },
            { name: 'minisearch', message: 'Only src/search/ uses the search engine.' },
            { name: 'better-sqlite3', message: 'Only src/feedback/ uses the database.' },
          ],
          patterns: [{ group: ['minisearch/*'], message: 'Only src/search/ uses the search engine.' }],
        },
      ],
    },
  },
  { files: ['src/transports/discord/**/*.ts', 'src/app/deploy.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['src/search/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'discord.js', message: 'Only src/transports/discord/ talks to Discord.' }] }],
    },
  },
  {
    files: ['src/feedback/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'discord.js', message: 'Only src/transports/discord/ talks to Discord.' },
            { name: 'minisearch', message: 'Only src/search/ uses the search engine.' },
          ],
        },
      ],
    },
  },
  prettier,
);
