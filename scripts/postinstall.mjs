// Builds the console (web/dist) after `npm install` / `npm ci`, so that `npm start` serves it at once.
// Skipped when the dev tools are absent (production install) or SKIP_WEB_BUILD=1.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (process.env.SKIP_WEB_BUILD === '1') process.exit(0);
if (!existsSync('node_modules/vite/package.json') || !existsSync('web/index.html')) {
  process.stdout.write('postinstall: vite or web/ missing, console not built\n');
  process.exit(0);
}
const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
