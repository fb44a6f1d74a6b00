// Lint gate (run: `npx eslint .`). Why: import-x/no-cycle keeps modules out of import circles (an inner
// layer never imports an outer one, docs/ARCHITECTURE.md, and no two modules import each other round a
// circle); typescript-eslint's recommended rules catch what the compiler allows. Formatting is prettier's
// (.prettierrc.json), unused exports knip's (knip.json).
// Needs devDependencies: eslint, typescript-eslint, eslint-plugin-import-x.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test/shared/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } } },
    rules: {
      // Type-only imports count: a circle of types still ties the modules' meaning together.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      // The code base's own conventions, where recommended disagrees.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Tests and the bench use stand-ins and loose fixtures.
    files: ['test/**', 'e2e/**', 'bench/**'],
    rules: { '@typescript-eslint/no-unsafe-function-type': 'off' },
  },
);
