// The bundle's entry: runs main() and sets the exit code without cutting piped output short.
import { main, renderError } from './main.js';

export function run(argv: string[]): void {
  // a closed pipe on stdout (berth ps | head -1) ends quietly, as docker does
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const { text, status } = renderError(err);
      process.stderr.write(`${text}\n`);
      process.exitCode = status;
    },
  );
}
