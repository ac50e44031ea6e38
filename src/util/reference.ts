// Image references as docker normalises them (distribution/reference): busybox ->
// docker.io/library/busybox:latest, familiar forms for messages.

export class ReferenceError extends Error {}

export interface ImageRef {
  domain: string;
  /** path without domain: library/busybox */
  path: string;
  tag?: string;
  digest?: string;
}

const DEFAULT_DOMAIN = 'docker.io';
const NAME_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
// distribution's domain: host name components or a bracketed IPv6 address, an optional port
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

export function parseNormalizedNamed(s: string): ImageRef {
  if (/^[a-f0-9]{64}$/.test(s)) {
    throw new ReferenceError(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  }
  // docker's order: the repository name (up to the first ':' after the domain) must be lower
  // case before the grammar is checked at all
  const slash0 = s.indexOf('/');
  const first0 = slash0 < 0 ? '' : s.slice(0, slash0);
  let remainder = slash0 < 0 || (!/[.:]/.test(first0) && first0 !== 'localhost' && first0 === first0.toLowerCase()) ? s : s.slice(slash0 + 1);
  const hasDomain = remainder !== s;
  if ((!hasDomain || first0 === DEFAULT_DOMAIN || first0 === 'index.docker.io') && !remainder.includes('/')) remainder = `library/${remainder}`;
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote !== remote.toLowerCase()) throw new ReferenceError(`invalid reference format: repository name (${remote}) must be lowercase`);
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new ReferenceError('invalid reference format');
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new ReferenceError('invalid reference format');
  }
  if (rest === '') throw new ReferenceError('invalid reference format');
  let domain = DEFAULT_DOMAIN;
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      domain = first;
      path = rest.slice(slash + 1);
    }
  }
  // (a first part that is no domain may still be read as a path component by the grammar)
  if (domain !== DEFAULT_DOMAIN && !DOMAIN.test(domain) && !NAME_COMPONENT.test(domain)) throw new ReferenceError('invalid reference format');
  if (domain === 'index.docker.io') domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !path.includes('/')) path = `library/${path}`;
  if (path !== path.toLowerCase()) {
    throw new ReferenceError(`invalid reference format: repository name (${path}) must be lowercase`);
  }
  for (const comp of path.split('/')) {
    if (!NAME_COMPONENT.test(comp)) throw new ReferenceError('invalid reference format');
  }
  return { domain, path, tag, digest };
}

/** adds :latest when neither tag nor digest is given */
export function withDefaultTag(r: ImageRef): ImageRef {
  return r.tag || r.digest ? r : { ...r, tag: 'latest' };
}

export function familiarName(r: ImageRef): string {
  if (r.domain === DEFAULT_DOMAIN) {
    return r.path.startsWith('library/') && r.path.split('/').length === 2 ? r.path.slice(8) : r.path;
  }
  return `${r.domain}/${r.path}`;
}

export function familiarString(r: ImageRef): string {
  return `${familiarName(r)}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

/** the full name docker sends to the engine: docker.io/library/busybox */
export function fullName(r: ImageRef): string {
  return `${r.domain}/${r.path}`;
}

/** getAPITagFromNamedRef: the digest when there is one, else the tag ('' for a bare name) */
export function apiTag(r: ImageRef): string {
  return r.digest ?? r.tag ?? '';
}

/** reference.String(): the full name with tag and digest */
export function fullString(r: ImageRef): string {
  return `${fullName(r)}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}
