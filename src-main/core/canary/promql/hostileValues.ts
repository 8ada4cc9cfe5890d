/** Label values built to break a naively templated query; shared by the unit and integration tests. */
export const HOSTILE_VALUES: readonly string[] = [
  'x"} or vector(1) #',
  '"} or vector(1) #',
  '\\"}',
  '\\',
  'a\\\\"b',
  '{braces}{{version}}$version',
  "it's \"quoted\"",
  'line\nbreak',
  'tab\there\r\nand CRLF',
  'ünïcødé ✓ 🚀 עברית \u200b',
  'canary) or on() vector(1',
  '.*',
  '`raw` and \'single\'',
  '# not a comment',
  'v'.repeat(5_000) + '"}',
];
