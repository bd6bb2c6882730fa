// Root `postinstall`: builds the workspace after `npm install` / `npm ci` in a checkout. It is not a
// `prepare` script because pre-commit installs this repository with `npm pack`, and npm prints a
// `prepare` script's banner into the tarball name `npm pack` writes to stdout. In the packed tarball
// (installed by pre-commit) there are no sources and the bundle is already built: nothing to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('../', import.meta.url);
if (!existsSync(new URL('tsconfig.json', root)) || !existsSync(new URL('packages/cli/src/', root))) process.exit(0);

const npm = process.env.npm_execpath;
const result = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
