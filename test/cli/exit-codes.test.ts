/**
 * A path the user gave that cannot be read or written is bad usage (exit 2) with the path
 * named, not an internal error (70) with a stack.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentProject, runCli } from '../helpers/build.ts';

describe('exit codes for paths', () => {
  const project = () => documentProject(`Text.\n`);

  it('a folder given as --config exits 2', () => {
    const result = runCli(['check', '--config', '.'], project());
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is a folder, not a file.*config:missing-file/);
  });

  it('--out under a file exits 2 naming the path', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'afile'), '');
    const result = runCli(['build', '--out', 'afile/out'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(path.join(dir, 'afile', 'out'));
    expect(result.stderr).not.toContain('internal error');
  });

  it('init into a path under a file exits 2', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'afile'), '');
    const result = runCli(['init', 'afile'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('ENOTDIR');
  });
});
