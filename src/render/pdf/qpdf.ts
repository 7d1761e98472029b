/**
 * Runs qpdf, the one tool that rewrites Folio's PDFs (overlay, JSON update, object
 * streams) while keeping the structure tree. A missing qpdf is an environment failure.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { EnvironmentFailure } from '../../failures.ts';

const run = promisify(execFile);

/** qpdf's standard output; exit code 3 is qpdf's "succeeded with warnings". */
export async function qpdf(args: string[]): Promise<string> {
  try {
    const { stdout } = await run('qpdf', args, { maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string; stdout?: string };
    if (failure.code === 'ENOENT')
      throw new EnvironmentFailure('qpdf is needed to finish PDFs: `apt-get install qpdf`');
    if ((failure.code as unknown) === 3) return failure.stdout ?? '';
    throw new Error(`qpdf ${args.join(' ')} failed: ${failure.stderr ?? failure.message}`);
  }
}
