/** The platform of an image, as the OCI image index records it. */
export interface Platform {
  os: string
  architecture: string
  variant?: string
  'os.version'?: string
  'os.features'?: string[]
}

// GOOS and GOARCH values: what the OCI image spec says these fields take.
const KnownOs = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'illumos',
  'ios',
  'js',
  'linux',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows',
])
const KnownArchitectures = new Set([
  '386',
  'amd64',
  'arm',
  'arm64',
  'loong64',
  'mips',
  'mips64',
  'mips64le',
  'mipsle',
  'ppc64',
  'ppc64le',
  'riscv64',
  's390x',
  'wasm',
])
// What people type, and what `uname -m` prints, mapped to GOARCH (and the variant it implies).
const ArchitectureAliases: Record<string, { architecture: string; variant?: string }> = {
  x86_64: { architecture: 'amd64' },
  x86: { architecture: '386' },
  i386: { architecture: '386' },
  i686: { architecture: '386' },
  aarch64: { architecture: 'arm64' },
  armhf: { architecture: 'arm', variant: 'v7' },
  armel: { architecture: 'arm', variant: 'v6' },
  armv6l: { architecture: 'arm', variant: 'v6' },
  armv7l: { architecture: 'arm', variant: 'v7' },
  armv8l: { architecture: 'arm', variant: 'v8' },
}

/**
 * Normalizes a platform the way containerd's matcher compares them: arm defaults to v7 and arm64's v8 is
 * implied, so `linux/arm64/v8` and `linux/arm64` are one platform.
 */
export function normalizePlatform(platform: Platform): Platform {
  const alias = ArchitectureAliases[platform.architecture]
  const architecture = alias?.architecture ?? platform.architecture
  let variant = platform.variant || alias?.variant
  if (architecture === 'arm' && !variant) variant = 'v7'
  if (architecture === 'arm64' && variant === 'v8') variant = undefined
  if (architecture === 'amd64' && variant === 'v1') variant = undefined
  const normalized: Platform = { os: platform.os, architecture }
  if (variant) normalized.variant = variant
  if (platform['os.version']) normalized['os.version'] = platform['os.version']
  if (platform['os.features']?.length) normalized['os.features'] = [...platform['os.features']]
  return normalized
}

/**
 * Parses `os/arch[/variant]` (or a bare architecture, taken as linux) into a normalized platform, or throws
 * an error starting with `where` (e.g. "Input 'platform'") that names the value and the expected form.
 */
export function parsePlatform(value: string, where: string): Platform {
  const text = value.trim().toLowerCase()
  const parts = text.split('/')
  if (parts.length === 1 && parts[0]) parts.unshift('linux')
  const [os, architecture, variant] = parts
  if (parts.length > 3 || !os || !architecture || (parts.length === 3 && !variant)) {
    throw new Error(`${where}: '${value}' is not a platform. Expected os/arch[/variant], e.g. linux/arm64.`)
  }
  if (!KnownOs.has(os)) {
    throw new Error(
      `${where}: unknown operating system '${os}' in '${value}'. Expected one of: ${[...KnownOs].join(', ')}.`,
    )
  }
  const platform = normalizePlatform(variant ? { os, architecture, variant } : { os, architecture })
  if (!KnownArchitectures.has(platform.architecture)) {
    throw new Error(
      `${where}: unknown architecture '${architecture}' in '${value}'. Expected one of: ${[...KnownArchitectures].join(', ')}.`,
    )
  }
  return platform
}

/** `os/arch[/variant]`, the form users write and platform-matching tools print. */
export function formatPlatform(platform: Platform): string {
  const p = normalizePlatform(platform)
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/')
}

/** `linux-arm-v7`: the platform as a file-name- and tag-safe word. */
export function platformSlug(platform: Platform): string {
  return formatPlatform(platform).replace(/\//g, '-')
}

/** One word per target platform once normalized, os.version included (for Windows): for sets and maps. */
export function platformKey(platform: Platform): string {
  const p = normalizePlatform(platform)
  return `${formatPlatform(p)}|${p['os.version'] ?? ''}`
}

/** Whether two platforms name the same target once normalized (os.version included, for Windows). */
export function samePlatform(a: Platform, b: Platform): boolean {
  return platformKey(a) === platformKey(b)
}

/** The platform of a runner: GitHub's `RUNNER_ARCH` (X64, ARM64, ARM, X86), or `uname -m` elsewhere. */
export function runnerPlatform(runnerArch: string | undefined, machine: string): Platform {
  const byRunnerArch: Record<string, Platform> = {
    X64: { os: 'linux', architecture: 'amd64' },
    ARM64: { os: 'linux', architecture: 'arm64' },
    ARM: { os: 'linux', architecture: 'arm', variant: 'v7' },
    X86: { os: 'linux', architecture: '386' },
  }
  const known = runnerArch ? byRunnerArch[runnerArch.toUpperCase()] : undefined
  if (known) return known
  return normalizePlatform({ os: 'linux', architecture: machine.trim() })
}

/** Orders platforms as `docker manifest inspect` users expect to read them: by os, arch, variant. */
export function comparePlatforms(a: Platform, b: Platform): number {
  const x = formatPlatform(a)
  const y = formatPlatform(b)
  return x < y ? -1 : x > y ? 1 : (a['os.version'] ?? '').localeCompare(b['os.version'] ?? '')
}
