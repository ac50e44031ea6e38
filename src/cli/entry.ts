// The bundle's entry: runs main() and sets the exit code without cutting piped output short.
import { main, renderError } from './main.js';
import { onBrokenStdout } from './pipes.js';

export function run(argv: string[]): void {
  // a closed pipe on stdout (berth logs x | head -1) ends berth as it ends docker
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') onBrokenStdout();
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
