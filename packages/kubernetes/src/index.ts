export * from './model/types.js';
export * from './model/selector.js';
export * from './model/values.js';
export { isObjectMap } from './model/build.js';
export * from './project-index.js';
export * from './annotations.js';
export * from './language.js';
export * from './label-buckets.js';
