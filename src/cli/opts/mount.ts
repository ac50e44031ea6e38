// --mount (docker's opts.MountOpt) and -v/--volume specs (the compose loader's
// ParseVolume, which docker run uses to tell binds from anonymous volumes).
import path from 'node:path';
import { readCsvRecord } from './csv.js';
import { goParseUint } from './goparse.js';
import { parseGoBool } from '../flags.js';
import { ramInBytes } from './units.js';

/** The Engine API's mount.Mount, fields in the order Go marshals them (all omitempty). */
export interface Mount {
  Type?: string;
  Source?: string;
  Target?: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: {
    Propagation?: string;
    NonRecursive?: boolean;
    CreateMountpoint?: boolean;
    ReadOnlyNonRecursive?: boolean;
    ReadOnlyForceRecursive?: boolean;
  };
  VolumeOptions?: {
    NoCopy?: boolean;
    Labels?: Record<string, string>;
    Subpath?: string;
    DriverConfig?: { Name?: string; Options?: Record<string, string> };
  };
  ImageOptions?: { Subpath?: string };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number; Options?: string[][] };
}

/** filepath.Abs for a relative path starting with "." */
function absIfDotRelative(p: string, cwd: string): string {
  if (!path.isAbsolute(p) && p.startsWith('.')) return path.resolve(cwd, p);
  return p;
}

/** opts.MountOpt.Set: one `--mount` value to an API mount; throws docker's messages. */
export function parseMount(value: string, cwd: string = process.cwd()): Mount {
  const fields = readCsvRecord(value);
  const m: Mount = { Type: 'volume' };
  let volumeOptions: NonNullable<Mount['VolumeOptions']> | undefined;
  let bindOptions: NonNullable<Mount['BindOptions']> | undefined;
  let tmpfsOptions: NonNullable<Mount['TmpfsOptions']> | undefined;
  let imageOptions: NonNullable<Mount['ImageOptions']> | undefined;
  const vol = (): NonNullable<Mount['VolumeOptions']> => {
    volumeOptions ??= { Labels: {} };
    volumeOptions.DriverConfig ??= {};
    return volumeOptions;
  };
  const bind = (): NonNullable<Mount['BindOptions']> => (bindOptions ??= {});
  const tmpfs = (): NonNullable<Mount['TmpfsOptions']> => (tmpfsOptions ??= {});
  const image = (): NonNullable<Mount['ImageOptions']> => (imageOptions ??= {});
  const setOnMap = (target: Record<string, string>, v: string): void => {
    const eq = v.indexOf('=');
    const k = eq < 0 ? v : v.slice(0, eq);
    if (k !== '') target[k] = eq < 0 ? '' : v.slice(eq + 1);
  };
  const bool = (key: string, val: string, msg = `invalid value for ${key}: ${val}`): boolean => {
    try {
      return parseGoBool(val);
    } catch {
      throw new Error(msg);
    }
  };

  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const val = eq < 0 ? '' : field.slice(eq + 1);
    if (eq < 0) {
      switch (key) {
        case 'readonly':
        case 'ro':
          m.ReadOnly = true;
          continue;
        case 'volume-nocopy':
          vol().NoCopy = true;
          continue;
        case 'bind-nonrecursive':
          bind().NonRecursive = true;
          continue;
        default:
          throw new Error(`invalid field '${field}' must be a key=value pair`);
      }
    }
    switch (key) {
      case 'type':
        m.Type = val.toLowerCase();
        break;
      case 'source':
      case 'src':
        m.Source = absIfDotRelative(val, cwd);
        break;
      case 'target':
      case 'dst':
      case 'destination':
        m.Target = val;
        break;
      case 'readonly':
      case 'ro':
        m.ReadOnly = bool(key, val);
        break;
      case 'consistency':
        m.Consistency = val.toLowerCase();
        break;
      case 'bind-propagation':
        bind().Propagation = val.toLowerCase();
        break;
      case 'bind-nonrecursive':
        bind().NonRecursive = bool(key, val);
        break;
      case 'bind-recursive':
        switch (val) {
          case 'enabled':
            break;
          case 'disabled':
            bind().NonRecursive = true;
            break;
          case 'writable':
            bind().ReadOnlyNonRecursive = true;
            break;
          case 'readonly':
            bind().ReadOnlyForceRecursive = true;
            break;
          default:
            throw new Error(`invalid value for ${key}: ${val} (must be "enabled", "disabled", "writable", or "readonly")`);
        }
        break;
      case 'volume-subpath':
        vol().Subpath = val;
        break;
      case 'volume-nocopy':
        vol().NoCopy = bool(key, val, `invalid value for volume-nocopy: ${val}`);
        break;
      case 'volume-label':
        setOnMap(vol().Labels!, val);
        break;
      case 'volume-driver':
        vol().DriverConfig!.Name = val;
        break;
      case 'volume-opt': {
        const dc = vol().DriverConfig!;
        dc.Options ??= {};
        setOnMap(dc.Options, val);
        break;
      }
      case 'image-subpath':
        image().Subpath = val;
        break;
      case 'tmpfs-size':
        try {
          tmpfs().SizeBytes = ramInBytes(val);
        } catch {
          throw new Error(`invalid value for ${key}: ${val}`);
        }
        break;
      case 'tmpfs-mode':
        try {
          tmpfs().Mode = goParseUint(val, 8, 32);
        } catch {
          throw new Error(`invalid value for ${key}: ${val}`);
        }
        break;
      default:
        throw new Error(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (m.Type === '') throw new Error('type is required');
  if (!m.Target) throw new Error('target is required');
  if (volumeOptions && m.Type !== 'volume') throw new Error(`cannot mix 'volume-*' options with mount type '${m.Type}'`);
  if (imageOptions && m.Type !== 'image') throw new Error(`cannot mix 'image-*' options with mount type '${m.Type}'`);
  if (bindOptions && m.Type !== 'bind') throw new Error(`cannot mix 'bind-*' options with mount type '${m.Type}'`);
  if (tmpfsOptions && m.Type !== 'tmpfs') throw new Error(`cannot mix 'tmpfs-*' options with mount type '${m.Type}'`);
  if (bindOptions?.ReadOnlyNonRecursive && !m.ReadOnly) {
    throw new Error("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction");
  }
  if (bindOptions?.ReadOnlyForceRecursive) {
    if (!m.ReadOnly) throw new Error("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction");
    if (bindOptions.Propagation !== 'rprivate') {
      throw new Error("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction");
    }
  }
  return toWire(m, bindOptions, volumeOptions, imageOptions, tmpfsOptions);
}

/** the mount as Go marshals it: omitempty fields dropped, fields in struct order */
function toWire(
  m: Mount,
  b: Mount['BindOptions'],
  v: Mount['VolumeOptions'],
  i: Mount['ImageOptions'],
  t: Mount['TmpfsOptions'],
): Mount {
  const out: Mount = {};
  if (m.Type) out.Type = m.Type;
  if (m.Source) out.Source = m.Source;
  if (m.Target) out.Target = m.Target;
  if (m.ReadOnly) out.ReadOnly = true;
  if (m.Consistency) out.Consistency = m.Consistency;
  if (b) {
    const w: NonNullable<Mount['BindOptions']> = {};
    if (b.Propagation) w.Propagation = b.Propagation;
    if (b.NonRecursive) w.NonRecursive = true;
    if (b.ReadOnlyNonRecursive) w.ReadOnlyNonRecursive = true;
    if (b.ReadOnlyForceRecursive) w.ReadOnlyForceRecursive = true;
    out.BindOptions = w;
  }
  if (v) {
    const w: NonNullable<Mount['VolumeOptions']> = {};
    if (v.NoCopy) w.NoCopy = true;
    if (v.Labels && Object.keys(v.Labels).length > 0) w.Labels = sortKeys(v.Labels);
    if (v.Subpath) w.Subpath = v.Subpath;
    if (v.DriverConfig) {
      const d: { Name?: string; Options?: Record<string, string> } = {};
      if (v.DriverConfig.Name) d.Name = v.DriverConfig.Name;
      if (v.DriverConfig.Options && Object.keys(v.DriverConfig.Options).length > 0) d.Options = sortKeys(v.DriverConfig.Options);
      w.DriverConfig = d;
    }
    out.VolumeOptions = w;
  }
  if (i) out.ImageOptions = i.Subpath ? { Subpath: i.Subpath } : {};
  if (t) {
    const w: NonNullable<Mount['TmpfsOptions']> = {};
    if (t.SizeBytes) w.SizeBytes = t.SizeBytes;
    if (t.Mode) w.Mode = t.Mode;
    out.TmpfsOptions = w;
  }
  return out;
}

export function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k]!;
  return out;
}

export interface VolumeSpec {
  type: 'bind' | 'volume';
  source: string;
  target: string;
  readOnly: boolean;
}

function isLetter(c: string): boolean {
  return /^\p{L}$/u.test(c);
}

/** the compose loader's ParseVolume (what `-v SPEC` is checked with) */
export function parseVolumeSpec(spec: string): VolumeSpec {
  const chars = [...spec];
  const v: VolumeSpec = { type: 'volume', source: '', target: '', readOnly: false };
  const bytes = Buffer.byteLength(spec);
  if (bytes === 0) throw new Error('invalid empty volume spec');
  if (bytes <= 2) {
    v.target = spec;
    return v;
  }
  let buffer: string[] = [];
  const END = '\0end';
  const populate = (char: string): void => {
    const str = buffer.join('');
    if (buffer.length === 0) throw new Error('empty section between colons');
    if (v.source === '' && char === END) {
      v.target = str;
      return;
    }
    if (v.source === '') {
      v.source = str;
      return;
    }
    if (v.target === '') {
      v.target = str;
      return;
    }
    if (char === ':') throw new Error('too many colons');
    for (const option of str.split(',')) {
      if (option === 'ro') v.readOnly = true;
      else if (option === 'rw') v.readOnly = false;
    }
  };
  for (const char of [...chars, END]) {
    if (char === ':' && buffer.length === 1 && isLetter(buffer[0]!)) {
      buffer.push(char);
    } else if (char === ':' || char === END) {
      try {
        populate(char);
      } catch (e) {
        throw new Error(`invalid spec: ${spec}: ${(e as Error).message}`);
      }
      buffer = [];
    } else {
      buffer.push(char);
    }
  }
  v.type = v.source !== '' && isFilePath(v.source) ? 'bind' : 'volume';
  return v;
}

function isFilePath(source: string): boolean {
  if ('./~'.includes(source[0]!)) return true;
  const chars = [...source];
  if (chars.length === 1) return false;
  if (source.startsWith('\\\\')) return true;
  // a Windows drive: a letter followed by ':' (the byte after the first rune)
  const firstLen = Buffer.byteLength(chars[0]!);
  const next = Buffer.from(source)[firstLen];
  return next === 0x3a && isLetter(chars[0]!);
}
