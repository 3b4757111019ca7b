/**
 * URLs in the config: an environment's `url:` and the URL of an `http:` line. Checked
 * when the config is loaded as far as the text allows (a `${VAR}` may hold any part),
 * and checked fully once `${VAR}` is expanded, before anything is sent, so that a URL no
 * request could use is a config error at its line, not a failed check.
 */

const TEMPLATE = /\$\{[^}]*\}|\{\{[^}]*\}\}/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Characters never valid in a host name, as the WHATWG URL standard lists forbidden host code points. */
const BAD_HOST = /[\s<>"{}|\\^`[\]]/;

/** `"\n"` for a control character, for a message. */
function showChar(char: string): string {
  return JSON.stringify(char);
}

/**
 * Why `url` cannot be a usable http(s) URL, in words; undefined when it can (or when a
 * `${VAR}` or `{{capture}}` decides the part in doubt). A relative URL is fine unless
 * `absolute` is set.
 */
export function urlProblem(url: string, options: { absolute?: boolean } = {}): string | undefined {
  if (url.trim() === '') return 'the URL is empty';
  const control = CONTROL.exec(url)?.[0];
  if (control !== undefined) return `the URL holds the control character ${showChar(control)} (expected a URL on one line)`;
  const templated = url.search(TEMPLATE) !== -1;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1];
  if (scheme === undefined) {
    if (!options.absolute || url.startsWith('${') || url.startsWith('{{')) return undefined;
    return 'it is not an absolute URL (expected e.g. https://staging.example.com)';
  }
  if (!/^https?$/i.test(scheme)) return `the scheme "${scheme}:" is not http or https (expected http:// or https://)`;
  const authority = /^[^:]+:\/\/([^/?#]*)/.exec(url)?.[1] ?? '';
  const host = authority.replace(TEMPLATE, 'x');
  if (host === '' || host.startsWith('@') || host.startsWith(':')) return 'the URL has no host (expected e.g. https://staging.example.com)';
  const bad = BAD_HOST.exec(host.replace(/^\[[0-9a-fA-F:.]+\]/, ''))?.[0];
  if (bad !== undefined) return `the host "${authority}" holds ${bad === ' ' ? 'a space' : showChar(bad)} (expected a host name like api.example.com)`;
  if (templated) return undefined;
  try {
    new URL(url.replace(/ /g, '%20'));
    return undefined;
  } catch {
    return `"${url}" is not a valid URL (expected e.g. https://staging.example.com/healthz)`;
  }
}
