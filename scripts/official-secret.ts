/**
 * For an official who contributes to a draw's seed: makes a random secret and its SHA-256.
 *   npm run secret
 * Give the office only the SHA-256 before the commitment; keep the secret to yourself and
 * reveal it after the commitment, when the draw is run (docs/draw-algorithm.md §4).
 */
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../src/draw/seed';

const secret = randomBytes(32).toString('hex');
const sha256 = sha256Hex(secret);
process.stdout.write(`秘密值（抽取时才揭示，妥善保管）：${secret}\n承诺值 SHA-256（现在交给政策法规处）：${sha256}\n`);
