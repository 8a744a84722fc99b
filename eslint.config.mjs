// Type-aware lint at zero warnings (`npm run check`). Import boundaries keep
// the connector pattern honest: only the composition root wires adapters in.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_ADAPTERS = { group: ['**/connectors/**'], message: 'Only the composition root (src/main.ts, src/hub.ts) imports adapters; use the port in src/.' };
/** The folders of src/ that have a face (index.ts); see the rule below. */
const FEATURES = ['access', 'audit', 'auth', 'calendar', 'catalog', 'citizens', 'departments', 'documents', 'dossiers', 'integration', 'forms', 'live', 'outbox', 'screens', 'payments', 'portal', 'postal'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'scripts/catalog-data/', 'src/screens/web/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    // Decorated classes need their runtime imports even when used only as types.
    files: ['src/**/*.entity.ts', 'src/**/*.types.ts', 'src/**/*.resolver.ts', 'src/graphql/pagination.ts', 'src/graphql/user-error.type.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts', 'src/hub.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_ADAPTERS] }],
    },
  },
  {
    // A feature is used through its face (its index.ts), never by reaching into its files; the
    // composition root (src/*.ts) and the command-line entry points (src/cli/) assemble them all.
    files: ['src/*/**/*.ts'],
    ignores: ['src/cli/**', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_ADAPTERS,
            {
              regex: `^(?:\\.\\.?/)+(?:${FEATURES.join('|')})/`,
              message: 'Import another feature through its face (e.g. ../catalog), not its files: see README, Architecture.',
            },
          ],
        },
      ],
    },
  },
  {
    // Adapters see only what the hub lets them: ports, domain types, errors, config.
    files: ['connectors/**/*.ts'],
    ignores: ['connectors/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '/src/(?!errors$|config$|integration/call-options$|.*\\.port$)',
              message: 'connectors/ may import only src ports (*.port), errors, config and call options.',
            },
          ],
        },
      ],
    },
  },
  {
    // The gateway reaches the hub only through its GraphQL (the hub decides who may see what): from src/ it reads
    // settings, errors and the logger; from connectors/ the department files' schema and their JSONata mappings.
    files: ['mesh/**/*.ts'],
    ignores: ['mesh/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '/src/(?!config(/departments-dir)?$|errors$|shared/logger$)', message: 'mesh/ reaches the hub through its GraphQL only: from src/ it may import config, errors and shared/logger.' },
            { regex: '/connectors/(?!department/department\\.(config|mapping)$)', message: 'mesh/ may import only the department files\' schema and mappings from connectors/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.cli.ts', 'src/cli/**', 'connectors/**/*.cli.ts', 'mesh/**/*.cli.ts', 'src/main.ts', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['src/db/migrations/Migration*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.spec.ts', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
);
