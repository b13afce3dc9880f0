import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/**
 * Makes `dir` a read-only bind mount of itself, which stops even root (chmod does not). Returns
 * the undo, or undefined where mounting is not allowed (no privilege, not Linux).
 */
export function mountReadOnly(dir: string): (() => void) | undefined {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['--bind', dir, dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const unmount = () => {
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  };
  try {
    execFileSync('mount', ['-o', 'remount,bind,ro', dir], { stdio: 'ignore' });
  } catch {
    unmount();
    return undefined;
  }
  return unmount;
}
