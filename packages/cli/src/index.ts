// `import { Nospof } from 'nospof'`: the Node API, with the command line beside it.
export * from '@nospof/api';
export { main } from './main.js';
export { formatters, type FormatContext, type Formatter } from './formatters/index.js';
