export * from './types';
export * from './figures';
export * from './build';
export { DEFAULT_GLOSSARY, DEFAULT_OTHER } from './glossary';
