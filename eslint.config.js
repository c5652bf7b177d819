import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import layering from './eslint-rules/layering.js';

const root = import.meta.dirname;

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'eslint-rules/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { marketdesk: { rules: { layering } } },
    rules: {
      'marketdesk/layering': ['error', { root }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/shared/**/*.ts', 'src/main/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      // shared and core are pure: no process, no timers of the host, no console noise.
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', 'require', 'window', 'document'],
    },
  },
);
