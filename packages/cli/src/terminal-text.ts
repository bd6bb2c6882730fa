/**
 * Text from scanned files made safe for a terminal or a CI log: control characters (ESC, CR, NUL, the C1
 * range), line and paragraph separators, bidirectional controls and lone surrogates are shown as escapes
 * instead of being interpreted. The one implementation is the formatters' `visible`, so messages on
 * stderr and reports escape the same way.
 */
export { visible as terminalText } from './formatters/escape.js';
