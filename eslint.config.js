// ESLint (flat config): the JavaScript we ship, in static/ and the apps' static/ folders.
// Formatting is prettier's job (.prettierrc.json); this catches mistakes.
// https://eslint.org/docs/latest/use/configure/configuration-files
import js from '@eslint/js';
import globals from 'globals';

// Django's JavaScriptCatalog (/jsi18n/, /fr/jsi18n/ …): docs/localisation.md.
const DJANGO_I18N = { gettext: 'readonly', ngettext: 'readonly', pgettext: 'readonly', interpolate: 'readonly' };

export default [
  {
    // Not ours (vendored, installed or collected), or not JavaScript we ship.
    ignores: ['.venv/**', 'node_modules/**', 'static/vendor/**', 'staticfiles/**', 'media/**', 'var/**', 'htmlcov/**'],
  },
  js.configs.recommended,
  {
    // Classic scripts (loaded with <script defer>): each wraps itself in a function.
    files: ['**/static/**/*.js'],
    // gettext & co. come from Django's JavaScriptCatalog, loaded first (templates/base.html).
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, ...DJANGO_I18N } },
  },
  {
    // ES modules (loaded with <script type="module">): the player, the admin's checkbox filter.
    files: [
      'static/js/player/**/*.js',
      'catalog/static/catalog/admin/checkbox-filter.js',
      'static/js/engagement/continue.js',
      'static/js/engagement/resume.js',
    ],
    languageOptions: { sourceType: 'module' },
  },
  {
    // The tools' own configuration files run under Node.
    files: ['*.config.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
  },
  {
    rules: {
      eqeqeq: ['error', 'smart'], // `x != null` tests null and undefined at once
      'no-var': 'error',
      'prefer-const': 'error',
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_' }],
    },
  },
];
