// What ordinary game and library code does that looks like an attack and is not, for the code
// rules: numbers shown through innerHTML, and a Function constructor left as a fallback for
// browsers without a standard API.
export { htmlTexts } from './numeric-text.ts';
export { fallbackRule } from './dead-fallback.ts';
