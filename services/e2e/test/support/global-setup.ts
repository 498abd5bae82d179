import { execFileSync } from 'node:child_process';
import { ROOT } from '@houqin/testing';

/** The end-to-end tests run the real build output, as `npm start` does. */
export default function globalSetup(): void {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
}
