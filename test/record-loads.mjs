// `node --import ./test/record-loads.mjs …`: appends the URL of every module the process loads
// to the file named by $LEADSIM_LOADS, one a line, so a test can see what a command loaded.
import { register } from 'node:module';

const hook = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (process.env.LEADSIM_LOADS) appendFileSync(process.env.LEADSIM_LOADS, resolved.url + '\\n');
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
