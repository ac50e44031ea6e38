import '../../src/cli/core.js';
import type { CommandModule } from '../../src/cli/spec.js';
import { StatusError } from '../../src/cli/errors.js';
import { errorText } from '../../src/cli/parallel.js';
import { removeService } from '../../src/engine/services.js';

export const spec: CommandModule['spec'] = {
  use: 'SERVICE [SERVICE...]',
  short: 'Remove one or more services',
  args: { kind: 'min', n: 1 },
  flags: [],
};

export const run: CommandModule['run'] = async (cli, { args }) => {
  const api = cli.api();
  const errors: string[] = [];
  // one after the other, each removed one printed as given; the failures joined at the end
  for (const ref of args) {
    try {
      await removeService(api, ref);
    } catch (e) {
      errors.push(errorText(e));
      continue;
    }
    cli.out.write(`${ref}\n`);
  }
  if (errors.length > 0) throw new StatusError(errors.join('\n'), 1);
};
