// ESLint 9 flat config: typescript-eslint's type-aware rules over every TypeScript file `tsconfig.json` holds
// (src, properties, provider, suites, bench, the specs beside the code, vitest.config.ts). Prettier owns layout:
// eslint-config-prettier turns off every rule it would fight, and max-len is switched back on after it (Prettier
// does not wrap strings or comments). `npm run lint` allows no warning: a rule is an error or it is off.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import stylistic from '@stylistic/eslint-plugin';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The longest line a file may have; `.prettierrc.json` `printWidth` says the same. */
const MAX_LINE_LENGTH = 120;

export default defineConfig(
  { ignores: ['dist/', 'reports/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Bugs the type checker alone does not see.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // A condition the types say is constant is either dead code or a type that lies about the data.
      '@typescript-eslint/no-unnecessary-condition': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      eqeqeq: ['error', 'always'],
      // Output goes through the CLI's writers (process.stdout/stderr and the final redaction scan), never console.
      'no-console': 'error',

      // Tuned to the codebase's deliberate style.
      // `_name` marks a binding kept on purpose (a field dropped by a rest destructuring, a signature's slot).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // An AbortSignal's reason is passed on as the caller gave it (`abortReason` returns `unknown`).
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // `x || fallback` on strings is deliberate where an empty string means "none" (an empty JSON Pointer).
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
      // Control characters in a pattern are the point: ANSI escapes, characters XML and HTML cannot carry.
      'no-control-regex': 'off',
      // `text.match(pattern)` in specs reads as the assertion it is; `exec` catches no bug there.
      '@typescript-eslint/prefer-regexp-exec': 'off',
    },
  },
  {
    // Tests may print what they measured (vitest shows it beside the test).
    files: ['suites/**', '**/*.spec.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Plain JavaScript (the published bin, this file) is outside tsconfig.json: no type information.
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  // Last but one: turns off every rule that would fight Prettier's layout.
  prettier,
  {
    // Prettier wraps code at 120 but not strings, template literals or comments: this rule holds comments to 120
    // too. Lines with strings are exempt (below); a URL or an import line cannot be split usefully; a regular
    // expression literal cannot be split at all.
    plugins: { '@stylistic': stylistic },
    rules: {
      '@stylistic/max-len': [
        'error',
        {
          code: MAX_LINE_LENGTH,
          ignoreUrls: true,
          ignoreRegExpLiterals: true,
          // A message or a test title is read and grepped whole: split, it is found by neither (as Airbnb's rule).
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignorePattern: '^import\\s.+\\sfrom\\s.+;$',
        },
      ],
    },
  },
);
