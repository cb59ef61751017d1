// Stylelint: the CSS we ship. https://stylelint.io/user-guide/configure
// Formatting is prettier's job; stylelint-config-standard has no stylistic rules since v16.
export default {
  extends: ['stylelint-config-standard'],
  ignoreFiles: [
    '.venv/**',
    'node_modules/**',
    'static/vendor/**',
    'staticfiles/**',
    'media/**',
    'var/**',
    'htmlcov/**',
  ],
  rules: {
    // The code's own conventions, where the standard config merely prefers another spelling.
    'alpha-value-notation': 'number', // rgb(0 0 0 / 0.5)
    'media-feature-range-notation': 'prefix', // (min-width: 40rem)
    // currentColor, and font family names (Roboto) where a custom property holds a font stack.
    'value-keyword-case': [
      'lower',
      { ignoreKeywords: ['currentColor'], ignoreProperties: ['/^--font/', 'font-family'] },
    ],
    // iOS Safari still needs the prefix; nothing else does.
    'property-no-vendor-prefix': [true, { ignoreProperties: ['-webkit-text-size-adjust'] }],
    // Flags every generic :focus-visible rule followed by a component's base rule; the
    // components do not rely on source order against those, so it only adds noise.
    'no-descending-specificity': null,
    // BEM, as the templates use it: block__element--modifier (player__btn--play), plus is-/has- states.
    'selector-class-pattern': [
      '^[a-z][a-z0-9]*(-[a-z0-9]+)*(__[a-z0-9]+(-[a-z0-9]+)*)?(--[a-z0-9]+(-[a-z0-9]+)*)?$',
      { message: 'Expected a BEM class name (block__element--modifier) in kebab-case' },
    ],
  },
};
