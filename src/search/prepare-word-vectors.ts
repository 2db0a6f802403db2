/**
 * `npm install` runs this (postinstall): it makes the compact word-vector file once, so that
 * the first start does not spend 5 s and 1 GB reading the package's JSON. Without it (installs
 * with --ignore-scripts) the first start makes the file instead.
 */
import { compactFilePath, loadWordVectors } from './word-vectors.js';

const started = performance.now();
const vectors = loadWordVectors();
console.log(`citebot: ${vectors.words.length} word vectors ready in ${Math.round(performance.now() - started)} ms (${compactFilePath()})`);
