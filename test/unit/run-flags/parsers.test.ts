// The option parsers behind docker run/create's flags, with docker's error texts.
import { describe, expect, it } from 'vitest';
import { goAtoi, goCleanPath, goParseDuration, goParseFloat, goParseInt, goParseUint } from '../../../src/cli/opts/goparse.js';
import { fromHumanSize, ramInBytes } from '../../../src/cli/opts/units.js';
import { ipString, isValidMAC, parseIP, splitHostPort } from '../../../src/cli/opts/netaddr.js';
import { readCsvRecord } from '../../../src/cli/opts/csv.js';
import { convertToStandardNotation, parsePortRange, parsePortSpec, parsePortSpecs, splitProtoPort } from '../../../src/cli/opts/ports.js';
import { parseMount, parseVolumeSpec } from '../../../src/cli/opts/mount.js';
import { parseKeyValueFile, parseKeyValueLines } from '../../../src/cli/opts/kvfile.js';
import { formatPlatform, parsePlatform } from '../../../src/cli/opts/platform.js';
import { goCompactJSON } from '../../../src/cli/opts/gojson.js';
import {
  isCDIQualifiedName,
  parseCPUs,
  parseGpus,
  parseLinuxDevice,
  parseNetwork,
  parseRestartPolicy,
  parseSysctl,
  parseThrottleBpsDevice,
  parseThrottleIOpsDevice,
  parseUlimit,
  parseWeightDevice,
  validateAttach,
  validateDNSSearch,
  validateEnv,
  validateExtraHost,
  validateIPAddress,
  validateLabel,
  validateLink,
} from '../../../src/cli/opts/validators.js';

describe('Go strconv', () => {
  it('parses ints like strconv.ParseInt/ParseUint/Atoi', () => {
    expect(goParseInt('-42')).toBe(-42);
    expect(goParseInt('+7')).toBe(7);
    expect(goParseInt('0x10', 0)).toBe(16);
    expect(goParseInt('1_000', 0)).toBe(1000);
    expect(goParseUint('65535', 10, 16)).toBe(65535);
    expect(goAtoi('12')).toBe(12);
  });
  it('reports errors as Go does', () => {
    expect(() => goParseInt('abc')).toThrow('strconv.ParseInt: parsing "abc": invalid syntax');
    expect(() => goParseInt('1_000')).toThrow('strconv.ParseInt: parsing "1_000": invalid syntax');
    expect(() => goParseInt('9223372036854775808')).toThrow('strconv.ParseInt: parsing "9223372036854775808": value out of range');
    expect(() => goParseUint('65536', 10, 16)).toThrow('strconv.ParseUint: parsing "65536": value out of range');
    expect(() => goParseUint('-1')).toThrow('strconv.ParseUint: parsing "-1": invalid syntax');
    expect(() => goParseUint('')).toThrow('strconv.ParseUint: parsing "": invalid syntax');
    expect(() => goAtoi('x')).toThrow('strconv.Atoi: parsing "x": invalid syntax');
  });
  it('parses floats like strconv.ParseFloat', () => {
    expect(goParseFloat('1.5')).toBe(1.5);
    expect(goParseFloat('.5')).toBe(0.5);
    expect(goParseFloat('1e3')).toBe(1000);
    expect(goParseFloat('1_000.5')).toBe(1000.5);
    expect(goParseFloat('0x1p4')).toBe(16);
    expect(goParseFloat('-Inf')).toBe(-Infinity);
    expect(() => goParseFloat('1.2.3')).toThrow('strconv.ParseFloat: parsing "1.2.3": invalid syntax');
    expect(() => goParseFloat('0x10')).toThrow('invalid syntax');
    expect(() => goParseFloat('1e400')).toThrow('strconv.ParseFloat: parsing "1e400": value out of range');
  });
  it('cleans paths like path.Clean', () => {
    expect(goCleanPath('/dev/sda/')).toBe('/dev/sda');
    expect(goCleanPath('/a/../b/./c//')).toBe('/b/c');
    expect(goCleanPath('a/../..')).toBe('..');
    expect(goCleanPath('')).toBe('.');
    expect(goCleanPath('/..')).toBe('/');
  });
});

describe('durations (time.ParseDuration)', () => {
  const ok: [string, number][] = [
    ['0', 0],
    ['1s', 1e9],
    ['500ms', 5e8],
    ['1m30s', 90e9],
    ['1h2m3.5s', 3723.5e9],
    ['1.5s', 1.5e9],
    ['.5s', 5e8],
    ['-2s', -2e9],
    ['+3us', 3000],
    ['3µs', 3000],
    ['3μs', 3000],
    ['10ns', 10],
  ];
  for (const [raw, ns] of ok) it(`${raw} = ${ns}ns`, () => expect(goParseDuration(raw)).toBe(ns));
  it('reports errors as Go does', () => {
    expect(() => goParseDuration('abc')).toThrow('time: invalid duration "abc"');
    expect(() => goParseDuration('')).toThrow('time: invalid duration ""');
    expect(() => goParseDuration('1')).toThrow('time: missing unit in duration "1"');
    expect(() => goParseDuration('1x')).toThrow('time: unknown unit "x" in duration "1x"');
    expect(() => goParseDuration('1é')).toThrow('time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"');
    expect(() => goParseDuration('.s')).toThrow('time: invalid duration ".s"');
    expect(() => goParseDuration('3000000h')).toThrow('time: invalid duration "3000000h"');
  });
});

describe('byte sizes (units.RAMInBytes)', () => {
  const ok: [string, number][] = [
    ['0', 0],
    ['1024', 1024],
    ['1k', 1024],
    ['1K', 1024],
    ['1kb', 1024],
    ['1KiB', 1024],
    ['1.5k', 1536],
    ['1m', 1048576],
    ['1g', 1073741824],
    ['2GB', 2147483648],
    ['1 MiB', 1048576],
    ['1b', 1],
    ['1.9', 1],
    ['1e3', 1000],
  ];
  for (const [raw, n] of ok) it(`${raw} = ${n}`, () => expect(ramInBytes(raw)).toBe(n));
  it('reports errors as go-units does', () => {
    expect(() => ramInBytes('abc')).toThrow("invalid size: 'abc'");
    expect(() => ramInBytes('')).toThrow("invalid size: ''");
    expect(() => ramInBytes('-1')).toThrow("invalid size: '-1'");
    expect(() => ramInBytes('1x')).toThrow("invalid suffix: 'x'");
    expect(() => ramInBytes('1kbb')).toThrow("invalid suffix: 'kbb'");
    expect(() => ramInBytes('1bb')).toThrow("invalid suffix: 'bb'");
    expect(() => ramInBytes('1.2.3')).toThrow('strconv.ParseFloat: parsing "1.2.3": invalid syntax');
  });
  it('FromHumanSize is decimal', () => expect(fromHumanSize('1k')).toBe(1000));
});

describe('addresses', () => {
  it('parses and prints IPs as Go does', () => {
    expect(ipString(parseIP('1.2.3.4')!)).toBe('1.2.3.4');
    expect(ipString(parseIP('::0001')!)).toBe('::1');
    expect(ipString(parseIP('::ffff:1.2.3.4')!)).toBe('1.2.3.4');
    expect(ipString(parseIP('2001:DB8:0:0:1:0:0:1')!)).toBe('2001:db8::1:0:0:1');
    expect(ipString(parseIP('1:2:3:4:5:6:7::')!)).toBe('1:2:3:4:5:6:7:0');
    expect(ipString(parseIP('::')!)).toBe('::');
    for (const bad of ['1.2.3', '01.2.3.4', '256.1.1.1', '1::2::3', '12345::', 'fe80::1%eth0', 'abc', '', '1:2:3:4:5:6:7:8:9']) {
      expect(parseIP(bad), bad).toBeNull();
    }
  });
  it('validates MACs as net.ParseMAC does', () => {
    for (const good of ['02:42:ac:11:00:02', '02-42-AC-11-00-02', '0242.ac11.0002', '00:00:00:00:fe:80:00:00']) expect(isValidMAC(good), good).toBe(true);
    for (const bad of ['foo', '02:42:ac:11:00', '02:42-ac:11:00:02', '02:42:ac:11:00:0g']) expect(isValidMAC(bad), bad).toBe(false);
  });
  it('splits host:port with Go errors', () => {
    expect(splitHostPort('[::1]:')).toEqual(['::1', '']);
    expect(() => splitHostPort('[::1:')).toThrow("address [::1:: missing ']' in address");
    expect(() => splitHostPort('a:b:c')).toThrow('address a:b:c: too many colons in address');
  });
});

describe('csv records (encoding/csv)', () => {
  it('reads fields, quotes and doubled quotes', () => {
    expect(readCsvRecord('a,b,c')).toEqual(['a', 'b', 'c']);
    expect(readCsvRecord('"a,b",c')).toEqual(['a,b', 'c']);
    expect(readCsvRecord('"say ""hi""",x')).toEqual(['say "hi"', 'x']);
    expect(readCsvRecord('a,')).toEqual(['a', '']);
    expect(readCsvRecord('\na,b\nc')).toEqual(['a', 'b']);
  });
  it('reports errors as Go does', () => {
    expect(() => readCsvRecord('')).toThrow('EOF');
    expect(() => readCsvRecord('a"b')).toThrow('parse error on line 1, column 2: bare " in non-quoted-field');
    expect(() => readCsvRecord('type=bind,"src=/a')).toThrow('parse error on line 1, column 18: extraneous or missing " in quoted-field');
    expect(() => readCsvRecord('"a"b')).toThrow('parse error on line 1, column 3: extraneous or missing " in quoted-field');
  });
});

describe('ports (nat)', () => {
  it('parses every -p form', () => {
    expect(parsePortSpec('80')).toEqual([{ port: '80/tcp', binding: { HostIp: '', HostPort: '' } }]);
    expect(parsePortSpec('8080:80')).toEqual([{ port: '80/tcp', binding: { HostIp: '', HostPort: '8080' } }]);
    expect(parsePortSpec('127.0.0.1:8080:80/udp')).toEqual([{ port: '80/udp', binding: { HostIp: '127.0.0.1', HostPort: '8080' } }]);
    expect(parsePortSpec('[::1]:80:80')).toEqual([{ port: '80/tcp', binding: { HostIp: '::1', HostPort: '80' } }]);
    expect(parsePortSpec('::1:80:80')).toEqual([{ port: '80/tcp', binding: { HostIp: '::1', HostPort: '80' } }]);
    expect(parsePortSpec('127.0.0.1::80')).toEqual([{ port: '80/tcp', binding: { HostIp: '127.0.0.1', HostPort: '' } }]);
    expect(parsePortSpec('9000-9001:90-91').map((m) => [m.port, m.binding.HostPort])).toEqual([
      ['90/tcp', '9000'],
      ['91/tcp', '9001'],
    ]);
    expect(parsePortSpec('8000-8010:80')).toEqual([{ port: '80/tcp', binding: { HostIp: '', HostPort: '8000-8010' } }]);
    expect(parsePortSpec('80/SCTP')[0]!.port).toBe('80/sctp');
  });
  it('merges bindings of the same port', () => {
    const { exposed, bindings } = parsePortSpecs(['80', '8080:80']);
    expect([...exposed.keys()]).toEqual(['80/tcp']);
    expect(bindings.get('80/tcp')).toEqual([
      { HostIp: '', HostPort: '' },
      { HostIp: '', HostPort: '8080' },
    ]);
  });
  it('reports errors as docker does', () => {
    expect(() => parsePortSpec('abc')).toThrow('invalid containerPort: abc');
    expect(() => parsePortSpec('x:80')).toThrow('invalid hostPort: x');
    expect(() => parsePortSpec('80/foo')).toThrow('invalid proto: foo');
    expect(() => parsePortSpec('80:')).toThrow('no port specified: 80:<empty>');
    expect(() => parsePortSpec('1.2.3:80:80')).toThrow('invalid IP address: 1.2.3');
    expect(() => parsePortSpec('8000-8002:80-81')).toThrow('invalid ranges specified for container and host Ports: 80-81 and 8000-8002');
    expect(() => parsePortRange('90-80')).toThrow('invalid range specified for port: 90-80');
  });
  it('splits proto and converts the long syntax', () => {
    expect(splitProtoPort('80/udp')).toEqual(['udp', '80']);
    expect(splitProtoPort('80/')).toEqual(['tcp', '80']);
    expect(splitProtoPort('/udp')).toEqual(['', '']);
    expect(convertToStandardNotation(['target=80,published=8080,protocol=udp', '81'])).toEqual(['8080:80/udp', '81']);
    expect(() => convertToStandardNotation(['target=80,published'])).toThrow("invalid publish opts format (should be name=value but got 'published')");
  });
});

describe('--mount', () => {
  it('builds API mounts', () => {
    expect(parseMount('type=bind,source=/src,target=/dst,readonly,bind-propagation=rshared')).toEqual({
      Type: 'bind',
      Source: '/src',
      Target: '/dst',
      ReadOnly: true,
      BindOptions: { Propagation: 'rshared' },
    });
    expect(parseMount('src=vol,dst=/v,volume-opt=type=tmpfs,volume-label=a=b,volume-nocopy')).toEqual({
      Type: 'volume',
      Source: 'vol',
      Target: '/v',
      VolumeOptions: { NoCopy: true, Labels: { a: 'b' }, DriverConfig: { Options: { type: 'tmpfs' } } },
    });
    expect(parseMount('type=tmpfs,destination=/t,tmpfs-size=1m,tmpfs-mode=1777')).toEqual({
      Type: 'tmpfs',
      Target: '/t',
      TmpfsOptions: { SizeBytes: 1048576, Mode: 0o1777 },
    });
    expect(parseMount('type=bind,src=./x,dst=/y', '/base')).toMatchObject({ Source: '/base/x' });
    expect(parseMount('TYPE=BIND,src=/a,dst=/b,ro=1')).toMatchObject({ Type: 'bind', ReadOnly: true });
  });
  it('reports errors as docker does', () => {
    expect(() => parseMount('type=tmpfs')).toThrow('target is required');
    expect(() => parseMount('type=,target=/x')).toThrow('type is required');
    expect(() => parseMount('target=/x,foo=bar')).toThrow("unexpected key 'foo' in 'foo=bar'");
    expect(() => parseMount('target=/x,bogus')).toThrow("invalid field 'bogus' must be a key=value pair");
    expect(() => parseMount('target=/x,ro=maybe')).toThrow('invalid value for ro: maybe');
    expect(() => parseMount('type=bind,target=/x,volume-opt=a')).toThrow("cannot mix 'volume-*' options with mount type 'bind'");
    expect(() => parseMount('type=tmpfs,target=/x,tmpfs-size=abc')).toThrow('invalid value for tmpfs-size: abc');
    expect(() => parseMount('type=bind,target=/x,bind-recursive=readonly,ro')).toThrow(
      "option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction",
    );
  });
});

describe('-v specs (ParseVolume)', () => {
  it('tells binds, named and anonymous volumes apart', () => {
    expect(parseVolumeSpec('/anon')).toMatchObject({ type: 'volume', source: '', target: '/anon' });
    expect(parseVolumeSpec('/src:/dst:ro')).toMatchObject({ type: 'bind', source: '/src', target: '/dst', readOnly: true });
    expect(parseVolumeSpec('./rel:/dst')).toMatchObject({ type: 'bind', source: './rel' });
    expect(parseVolumeSpec('named:/dst')).toMatchObject({ type: 'volume', source: 'named' });
    expect(parseVolumeSpec('c:\\x:/dst')).toMatchObject({ type: 'bind', source: 'c:\\x' });
    expect(parseVolumeSpec('ab')).toMatchObject({ type: 'volume', target: 'ab' });
  });
  it('reports errors as docker does', () => {
    expect(() => parseVolumeSpec('')).toThrow('invalid empty volume spec');
    expect(() => parseVolumeSpec('/a:/b:ro:x')).toThrow('invalid spec: /a:/b:ro:x: too many colons');
    expect(() => parseVolumeSpec(':/b')).toThrow('invalid spec: :/b: empty section between colons');
  });
});

describe('env and label files (kvfile)', () => {
  const env: Record<string, string> = { FOO: 'from-env' };
  it('skips comments and blank lines, looks up bare keys', () => {
    expect(parseKeyValueLines('\uFEFFA=1\n  # c\n\n\tB= x \r\nFOO\nMISSING\nC==\n', (k) => env[k])).toEqual(['A=1', 'B= x ', 'FOO=from-env', 'C==']);
    expect(parseKeyValueLines('A=1\nBARE\n')).toEqual(['A=1']);
  });
  it('reports errors as docker does', () => {
    expect(() => parseKeyValueLines('bad key=1')).toThrow("variable 'bad key' contains whitespaces");
    expect(() => parseKeyValueLines('=x')).toThrow("no variable name on line '=x'");
    const enoent = (): string => {
      throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    };
    expect(() => parseKeyValueFile('/nonexist', enoent)).toThrow('open /nonexist: no such file or directory');
    expect(() => parseKeyValueFile('/f', () => 'a b=1')).toThrow("invalid env file (/f): variable 'a b' contains whitespaces");
    const eisdir = (): string => {
      throw Object.assign(new Error('nope'), { code: 'EISDIR' });
    };
    expect(() => parseKeyValueFile('/tmp', eisdir)).toThrow('invalid env file (/tmp): read /tmp: is a directory');
  });
});

describe('restart policies', () => {
  it('parses docker forms', () => {
    expect(parseRestartPolicy('no')).toEqual({ Name: 'no', MaximumRetryCount: 0 });
    expect(parseRestartPolicy('always')).toEqual({ Name: 'always', MaximumRetryCount: 0 });
    expect(parseRestartPolicy('unless-stopped')).toEqual({ Name: 'unless-stopped', MaximumRetryCount: 0 });
    expect(parseRestartPolicy('on-failure')).toEqual({ Name: 'on-failure', MaximumRetryCount: 0 });
    expect(parseRestartPolicy('on-failure:5')).toEqual({ Name: 'on-failure', MaximumRetryCount: 5 });
    expect(parseRestartPolicy('')).toEqual({ Name: '', MaximumRetryCount: 0 });
  });
  it('reports errors as docker does', () => {
    expect(() => parseRestartPolicy('on-failure:x')).toThrow('invalid restart policy format: maximum retry count must be an integer');
    expect(() => parseRestartPolicy(':3')).toThrow('invalid restart policy format: no policy provided before colon');
  });
});

describe('ulimits', () => {
  it('parses soft[:hard]', () => {
    expect(parseUlimit('nofile=1024:2048')).toEqual({ Name: 'nofile', Soft: 1024, Hard: 2048 });
    expect(parseUlimit('core=-1')).toEqual({ Name: 'core', Soft: -1, Hard: -1 });
    expect(parseUlimit('nproc=5:-1')).toEqual({ Name: 'nproc', Soft: 5, Hard: -1 });
  });
  it('reports errors as go-units does', () => {
    expect(() => parseUlimit('nofile')).toThrow('invalid ulimit argument: nofile');
    expect(() => parseUlimit('foo=1')).toThrow('invalid ulimit type: foo');
    expect(() => parseUlimit('nofile=2:1')).toThrow('ulimit soft limit must be less than or equal to hard limit: 2 > 1');
    expect(() => parseUlimit('nofile=-1:5')).toThrow('ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: 5');
    expect(() => parseUlimit('nofile=x')).toThrow('strconv.ParseInt: parsing "x": invalid syntax');
    expect(() => parseUlimit('nofile=1:2:3')).toThrow('too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`');
  });
});

describe('devices', () => {
  it('parses /dev/x[:/dev/y][:rwm]', () => {
    expect(parseLinuxDevice('/dev/null')).toEqual({ PathOnHost: '/dev/null', PathInContainer: '/dev/null', CgroupPermissions: 'rwm' });
    expect(parseLinuxDevice('/dev/null:/dev/x')).toEqual({ PathOnHost: '/dev/null', PathInContainer: '/dev/x', CgroupPermissions: 'rwm' });
    expect(parseLinuxDevice('/dev/null:r')).toEqual({ PathOnHost: '/dev/null', PathInContainer: '/dev/null', CgroupPermissions: 'r' });
    expect(parseLinuxDevice('/dev/null:/dev/x:rw')).toEqual({ PathOnHost: '/dev/null', PathInContainer: '/dev/x', CgroupPermissions: 'rw' });
    expect(parseLinuxDevice('/dev/fuse/')).toMatchObject({ PathOnHost: '/dev/fuse' });
  });
  it('reports errors as docker does', () => {
    expect(() => parseLinuxDevice('foo')).toThrow('foo is not an absolute path');
    expect(() => parseLinuxDevice('/dev/a:/dev/b:x')).toThrow('bad mode specified: x');
    expect(() => parseLinuxDevice('a:b:c:d')).toThrow('bad format for path: a:b:c:d');
    expect(() => parseLinuxDevice(':/dev/x')).toThrow('bad format for path: :/dev/x');
  });
  it('recognises CDI names', () => {
    expect(isCDIQualifiedName('vendor.com/class=name')).toBe(true);
    expect(isCDIQualifiedName('nvidia.com/gpu=all')).toBe(true);
    expect(isCDIQualifiedName('/dev/null')).toBe(false);
    expect(isCDIQualifiedName('vendor.com/class=')).toBe(false);
    expect(isCDIQualifiedName('1vendor/class=x')).toBe(false);
  });
  it('parses blkio devices', () => {
    expect(parseThrottleBpsDevice('/dev/sda:1mb')).toEqual({ Path: '/dev/sda', Rate: 1048576 });
    expect(parseThrottleIOpsDevice('/dev/sda:100')).toEqual({ Path: '/dev/sda', Rate: 100 });
    expect(parseWeightDevice('/dev/sda:200')).toEqual({ Path: '/dev/sda', Weight: 200 });
    expect(() => parseWeightDevice('/dev/sda:5')).toThrow('invalid weight for device: /dev/sda:5');
    expect(() => parseThrottleIOpsDevice('sda:1')).toThrow('bad format for device path: sda:1');
    expect(() => parseThrottleBpsDevice('foo')).toThrow('bad format: foo');
  });
});

describe('other validators', () => {
  it('env, labels, attach, links', () => {
    expect(() => validateEnv('=x')).toThrow('invalid environment variable: =x');
    expect(validateEnv('A')).toBe('A');
    expect(() => validateLabel(' =x')).toThrow("invalid label ' =x': empty name");
    expect(() => validateLabel('a b=x')).toThrow("label 'a b' contains whitespaces");
    expect(validateAttach('STDIN')).toBe('stdin');
    expect(() => validateAttach('foo')).toThrow('valid streams are STDIN, STDOUT and STDERR');
    expect(() => validateLink('a:b:c')).toThrow('bad format for links: a:b:c');
  });
  it('hosts, dns, sysctls', () => {
    expect(validateExtraHost('a=::1')).toBe('a:::1');
    expect(validateExtraHost('d=[::2]')).toBe('d:::2');
    expect(validateExtraHost('gw:host-gateway')).toBe('gw:host-gateway');
    expect(() => validateExtraHost('foo')).toThrow('bad format for add-host: "foo"');
    expect(() => validateExtraHost('a:b')).toThrow('invalid IP address in add-host: "b"');
    expect(validateIPAddress(' ::0001 ')).toBe('::1');
    expect(() => validateIPAddress('abc')).toThrow('IP address is not correctly formatted: abc');
    expect(validateDNSSearch('example.com.')).toBe('example.com');
    expect(() => validateDNSSearch('-x')).toThrow('-x is not a valid domain');
    expect(parseSysctl('net.ipv4.ip_forward=1')).toEqual(['net.ipv4.ip_forward', '1']);
    expect(() => parseSysctl('foo=1')).toThrow("sysctl 'foo=1' is not allowed");
  });
  it('cpus', () => {
    expect(parseCPUs('1.5')).toBe(1.5e9);
    expect(parseCPUs('3/4')).toBe(7.5e8);
    expect(parseCPUs('1e-3')).toBe(1e6);
    expect(() => parseCPUs('abc')).toThrow('failed to parse abc as a rational number');
    expect(() => parseCPUs('0.0000000001')).toThrow('value is too precise');
  });
  it('gpus', () => {
    expect(parseGpus('all')).toEqual({ Driver: '', Count: -1, DeviceIDs: null, Capabilities: [['gpu']], Options: {} });
    expect(parseGpus('"device=0,1",driver=nvidia')).toEqual({ Driver: 'nvidia', Count: 0, DeviceIDs: ['0', '1'], Capabilities: [['gpu']], Options: {} });
    expect(parseGpus('count=2,capabilities=compute')).toMatchObject({ Count: 2, Capabilities: [['compute', 'gpu']] });
    expect(() => parseGpus('count=x')).toThrow('invalid count (x): value must be either "all" or an integer: invalid syntax');
    expect(() => parseGpus('all,count=1')).toThrow("gpu request key 'count' can be specified only once");
  });
  it('networks', () => {
    expect(parseNetwork('my-net').target).toBe('my-net');
    expect(parseNetwork('name=MyNet,alias=a,alias=b,ip=10.0.0.2,driver-opt=k=v,gw-priority=3')).toMatchObject({
      target: 'mynet',
      aliases: ['a', 'b'],
      ipv4Address: '10.0.0.2',
      driverOpts: { k: 'v' },
      gwPriority: 3,
    });
    expect(() => parseNetwork('alias=x')).toThrow('network name/id is not specified');
    expect(() => parseNetwork('name=a,foo=b')).toThrow('invalid field key foo');
    expect(() => parseNetwork('name=a,gw-priority=x')).toThrow('invalid gw-priority (x): invalid syntax');
  });
});

describe('platforms', () => {
  it('normalizes as containerd does', () => {
    expect(formatPlatform(parsePlatform('linux/amd64'))).toBe('linux/amd64');
    expect(formatPlatform(parsePlatform('linux/x86_64'))).toBe('linux/amd64');
    expect(formatPlatform(parsePlatform('linux/aarch64'))).toBe('linux/arm64');
    expect(formatPlatform(parsePlatform('linux/arm64/v8'))).toBe('linux/arm64/v8');
    expect(formatPlatform(parsePlatform('linux/armhf'))).toBe('linux/arm');
    expect(formatPlatform(parsePlatform('linux/arm/7'))).toBe('linux/arm/v7');
    expect(formatPlatform(parsePlatform('linux/arm'))).toBe('linux/arm');
    expect(formatPlatform(parsePlatform('Windows/amd64'))).toBe('windows/amd64');
  });
  it('reports errors', () => {
    expect(() => parsePlatform('linux/*')).toThrow('"linux/*": wildcards not yet supported: invalid argument');
    expect(() => parsePlatform('foo')).toThrow('"foo": unknown operating system or architecture: invalid argument');
  });
});

describe('json.Compact', () => {
  it('drops insignificant whitespace only', () => {
    expect(goCompactJSON('{ "a" : [1, 2.5e3 , "x y"],\n "b": {"c": null} }')).toBe('{"a":[1,2.5e3,"x y"],"b":{"c":null}}');
  });
  it('reports Go syntax errors', () => {
    expect(() => goCompactJSON('{ nope')).toThrow("invalid character 'n' looking for beginning of object key string");
    expect(() => goCompactJSON('{"a":1')).toThrow('unexpected end of JSON input');
    expect(() => goCompactJSON('[1 2]')).toThrow("invalid character '2' after array element");
    expect(() => goCompactJSON('{"a" 1}')).toThrow("invalid character '1' after object key");
    expect(() => goCompactJSON('tru')).toThrow('unexpected end of JSON input');
    expect(() => goCompactJSON('trux')).toThrow("invalid character 'x' in literal true (expecting 'e')");
    expect(() => goCompactJSON('{} x')).toThrow("invalid character 'x' after top-level value");
  });
});
