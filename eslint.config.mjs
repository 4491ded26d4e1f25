// ESLint flat config. It lives at the top level because that is the only place
// ESLint and editors look for it (see README, "Where things are").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // The browser's scripts (progressive enhancement only).
    files: ['views/public/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(['document', 'window', 'fetch', 'FormData', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'HTMLScriptElement'].map((name) => [name, 'readonly'])),
    },
  },
);
