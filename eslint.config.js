// Lint gate (run: `npx eslint .`). Why: import-x/no-cycle keeps modules out of import circles (an inner
// layer never imports an outer one, docs/ARCHITECTURE.md, and no two modules import each other round a
// circle); typescript-eslint's recommended rules catch what the compiler allows. Formatting is prettier's
// (.prettierrc.json), unused exports knip's (knip.json).
// Needs devDependencies: eslint, typescript-eslint, eslint-plugin-import-x.
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test/shared/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
      // Without these, import-x reads only .js files when it follows imports, and sees no circle through .ts.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      // Type-only imports count: a circle of types still ties the modules' meaning together.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      // The code base's own conventions, where recommended disagrees.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // One width: prettier's printWidth (.prettierrc.json), which the formatter cannot hold where it may not
      // break a line (long strings and comments). Counted in characters: a Chinese character is one.
      'max-len': ['error', { code: 160, tabWidth: 2 }],
    },
  },
  {
    // React's rules of hooks, in the renderer only (elsewhere `use…` names are test fixtures and helpers);
    // an effect whose dependencies are chosen on purpose says so where it is.
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    // exhaustive-deps stays off: the pages' effects re-run on the budget or page on purpose and leave the app
    // context's functions out; the rule's suggested fixes would change when they run.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'max-len': ['error', { code: 160, tabWidth: 2 }], // one width, as for .ts above
    },
  },
  {
    // Tests and the bench use stand-ins and loose fixtures.
    files: ['test/**', 'e2e/**', 'bench/**'],
    rules: { '@typescript-eslint/no-unsafe-function-type': 'off' },
  },
);
