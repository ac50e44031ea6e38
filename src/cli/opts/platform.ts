// containerd's platforms.Parse and the Engine client's formatPlatform: how docker turns
// `--platform amd64` into the `platform=linux/amd64` query of POST /containers/create.

export interface Platform {
  os: string;
  osVersion: string;
  architecture: string;
  variant: string;
}

const knownOS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'windows', 'zos']);
const knownArch = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);

/** Go's runtime.GOOS / GOARCH for this process */
export function goRuntime(): { os: string; arch: string } {
  const arch: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64', mips: 'mips', mipsel: 'mipsle' };
  const os: Record<string, string> = { win32: 'windows', sunos: 'solaris' };
  return { os: os[process.platform] ?? process.platform, arch: arch[process.arch] ?? process.arch };
}

function normalizeOS(os: string): string {
  if (os === '') return goRuntime().os;
  os = os.toLowerCase();
  return os === 'macos' ? 'darwin' : os;
}

function normalizeArch(arch: string, variant: string): [string, string] {
  arch = arch.toLowerCase();
  variant = variant.toLowerCase();
  switch (arch) {
    case 'i386':
      return ['386', ''];
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return ['amd64', variant === 'v1' ? '' : variant];
    case 'aarch64':
    case 'arm64':
      if (['8', 'v8', 'v8.0'].includes(variant)) variant = '';
      else if (['9', '9.0', 'v9.0'].includes(variant)) variant = 'v9';
      return ['arm64', variant];
    case 'armhf':
      return ['arm', 'v7'];
    case 'armel':
      return ['arm', 'v6'];
    case 'arm':
      if (variant === '' || variant === '7') variant = 'v7';
      else if (['5', '6', '8'].includes(variant)) variant = `v${variant}`;
      return ['arm', variant];
    default:
      return [arch, variant];
  }
}

const specifierRe = /^[A-Za-z0-9_.-]+$/;
const osAndVersionRe = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.-]*)\))?$/;

/** platforms.Parse; errors carry containerd's text (ending in `: invalid argument`) */
export function parsePlatform(specifier: string): Platform {
  const q = JSON.stringify(specifier);
  if (specifier.includes('*')) throw new Error(`${q}: wildcards not yet supported: invalid argument`);
  const parts = splitN4(specifier);
  const p: Platform = { os: '', osVersion: '', architecture: '', variant: '' };
  for (const [i, part] of parts.entries()) {
    if (i === 0) {
      const m = osAndVersionRe.exec(part);
      if (!m) {
        throw new Error(`${JSON.stringify(part)} is an invalid OS component of ${q}: OSAndVersion specifier component must match "${osAndVersionRe.source}": invalid argument`);
      }
      p.os = normalizeOS(m[1]!);
      p.osVersion = m[2] ?? '';
    } else if (!specifierRe.test(part)) {
      throw new Error(`${JSON.stringify(part)} is an invalid component of ${q}: platform specifier component must match "${specifierRe.source}": invalid argument`);
    }
  }
  switch (parts.length) {
    case 1: {
      if (knownOS.has(p.os)) {
        p.architecture = goRuntime().arch;
        return p;
      }
      [p.architecture, p.variant] = normalizeArch(parts[0]!, '');
      if (p.architecture === 'arm' && p.variant === 'v7') p.variant = '';
      if (knownArch.has(p.architecture)) {
        p.os = goRuntime().os;
        return p;
      }
      throw new Error(`${q}: unknown operating system or architecture: invalid argument`);
    }
    case 2:
      [p.architecture, p.variant] = normalizeArch(parts[1]!, '');
      if (p.architecture === 'arm' && p.variant === 'v7') p.variant = '';
      return p;
    case 3:
      [p.architecture, p.variant] = normalizeArch(parts[1]!, parts[2]!);
      if (p.architecture === 'arm64' && p.variant === '') p.variant = 'v8';
      return p;
    default:
      throw new Error(`${q}: cannot parse platform specifier: invalid argument`);
  }
}

function splitN4(s: string): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < 3) {
    const i = rest.indexOf('/');
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  out.push(rest);
  return out;
}

/** the client's formatPlatform: path.Join(os, arch, variant) */
export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter((x) => x !== '').join('/');
}
