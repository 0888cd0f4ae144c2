// Lint: ESLint's and typescript-eslint's recommended rules over the sources, commands, tests and bench.
// Formatting is Prettier's job (see .prettierrc.json); this file only catches mistakes.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'index/', 'coverage/', 'tests/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // TypeScript itself reports undefined names, with the real types of Node's globals.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-control-regex': 'off',
      'no-irregular-whitespace': [
        'error',
        { skipRegExps: true, skipStrings: true, skipTemplates: true, skipComments: true },
      ],
    },
  },
  {
    // Requests recorded by the fake Discord are JSON as the client sent it: tests read them untyped.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
