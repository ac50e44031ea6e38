// The start-up core: every command imports it, so the bundler keeps these modules in one
// chunk with the entry instead of a file each (each ES module file costs start-up time).
export * from './errors.js';
export * from './flags.js';
export * from './cli.js';
export * from './registry.js';
export * from './help.js';
export * from '../engine/client.js';
export * from '../engine/errors.js';
