/**
 * Checks a published draw: recomputes it from the snapshot and the receipt.
 *   npm run verify -- <receipt.json> <snapshot.txt|snapshot.txt.gz> [result.txt|result.txt.gz]
 * Exit code 0 match, 1 mismatch, 2 bad input. See docs/verifying-a-draw.md.
 */
import { EXIT_BAD_INPUT, runVerifyCli } from '../src/verification/cli';

runVerifyCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // npm run starts in the package root; INIT_CWD is where the user typed the command.
  cwd: process.env.INIT_CWD ?? process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Not a verdict: an unexpected failure must not read as "mismatch" (1).
    process.stderr.write(`验证程序出错：${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT_BAD_INPUT;
  },
);
