#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(919);

process.exitCode = await (0,_cli_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2), process.env);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 919:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./src/core/logger.ts
/** A logger that drops everything, for callers that have nothing to say. */
const silentLogger = { debug: () => { }, info: () => { }, warning: () => { } };
/** How many skipped items the log names before it counts the rest. */
const ShownSkipped = 5;
/**
 * Reports skipped items: the first few at info, then how many more, each of which goes to debug. A directory
 * of 2,000 other runs' records would otherwise print 2,000 lines. `what` names them (`digest records`).
 */
function logSkipped(logger, lines, what) {
    for (const line of lines.slice(0, ShownSkipped))
        logger.info(line);
    const rest = lines.slice(ShownSkipped);
    if (rest.length === 0)
        return;
    logger.info(`${rest.length} more ${what} skipped; debug logging lists each (re-run with debug logging or set ` +
        `ACTIONS_STEP_DEBUG; NATIVE_MULTIARCH_DEBUG=1 for the command line).`);
    for (const line of rest)
        logger.debug(line);
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/core/digest.ts

const DigestPattern = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const EncodedLength = { sha256: 64, sha512: 128 };
/** Whether `value` is a well-formed digest of a registered algorithm (sha256, sha512). */
function isDigest(value) {
    if (!DigestPattern.test(value))
        return false;
    const [algorithm, encoded] = value.split(':');
    const length = EncodedLength[algorithm];
    return length !== undefined && encoded.length === length && /^[a-f0-9]+$/.test(encoded);
}
/** Parses a digest, or throws naming where it came from and the expected form. */
function parseDigest(value, where) {
    const trimmed = value.trim();
    if (!isDigest(trimmed)) {
        throw new Error(`${where}: '${value}' is not a digest. Expected sha256: followed by 64 lowercase hex digits.`);
    }
    return trimmed;
}
/** The sha256 digest of exactly these bytes: what a registry computes for a manifest PUT. */
function sha256Digest(bytes) {
    return digestOf(bytes, 'sha256');
}
/** The digest of `bytes` in the algorithm another digest names (`sha256`, `sha512`). */
function digestOf(bytes, algorithm) {
    return `${algorithm}:${(0,external_node_crypto_namespaceObject.createHash)(algorithm).update(bytes).digest('hex')}`;
}
/** A running hash in the algorithm `digest` names, for bytes that arrive in chunks; `digest()` ends it. */
function hasherFor(digest) {
    const algorithm = digest.slice(0, digest.indexOf(':'));
    const hash = (0,external_node_crypto_namespaceObject.createHash)(algorithm);
    return {
        update: chunk => void hash.update(chunk),
        digest: () => `${algorithm}:${hash.digest('hex')}`,
    };
}
/** The first 12 hex digits, as Docker shows image IDs; for names and logs only. */
function shortDigest(digest) {
    return digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 13);
}

;// CONCATENATED MODULE: ./src/core/json.ts
/** A parsed JSON value that is an object (not null, not an array): what every document we read must be. */
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** A JSON object whose values are all strings: labels and annotations. */
function isStringMap(value) {
    return isObject(value) && Object.values(value).every(v => typeof v === 'string');
}

;// CONCATENATED MODULE: ./src/core/descriptor.ts


/** The annotations buildx puts on an attestation manifest's descriptor. */
const AttestationAnnotation = {
    ReferenceType: 'vnd.docker.reference.type',
    ReferenceDigest: 'vnd.docker.reference.digest',
    AttestationManifest: 'attestation-manifest',
};
/**
 * Whether a descriptor describes another manifest rather than being a runnable image: buildx's
 * `attestation-manifest`, or any other `vnd.docker.reference.type` a builder adds. A type this action does not
 * know is still carried into the index beside its image, never dropped and never taken for an image.
 */
function isAttestation(descriptor) {
    return descriptor.annotations?.[AttestationAnnotation.ReferenceType] !== undefined;
}
/**
 * Reads a descriptor from parsed JSON: records and manifests alike, so a child keeps its `platform`,
 * `annotations` and `artifactType` whichever way it was read, and the index composed of it has the same bytes.
 */
function parseDescriptor(value, where, reading = {}) {
    const { strict = false } = reading;
    const fail = (why) => {
        if (reading.fail)
            return reading.fail(`${where} ${why}`);
        throw new Error(`${where} ${why}.`);
    };
    if (!isObject(value))
        return fail('is not an object');
    if (typeof value.mediaType !== 'string' || !value.mediaType)
        fail(`has no 'mediaType'`);
    if (typeof value.digest !== 'string' || !isDigest(value.digest))
        fail(`has 'digest' ${JSON.stringify(value.digest)}, expected sha256:<64 hex>`);
    if (!Number.isSafeInteger(value.size) || value.size < (strict ? 1 : 0))
        fail(`has 'size' ${JSON.stringify(value.size)}, expected a ${strict ? 'positive' : 'non-negative'} integer`);
    const descriptor = {
        mediaType: value.mediaType,
        digest: value.digest,
        size: value.size,
    };
    const platform = value.platform;
    if (isObject(platform) && typeof platform.os === 'string' && typeof platform.architecture === 'string') {
        descriptor.platform = platform;
    }
    else if (strict && platform !== undefined)
        fail(`has a 'platform' without string 'os' and 'architecture'`);
    if (isStringMap(value.annotations))
        descriptor.annotations = value.annotations;
    else if (strict && value.annotations !== undefined)
        fail(`has 'annotations' that are not a string map`);
    if (typeof value.artifactType === 'string')
        descriptor.artifactType = value.artifactType;
    else if (strict && value.artifactType !== undefined)
        fail(`has an 'artifactType' that is not a string`);
    return descriptor;
}

;// CONCATENATED MODULE: ./src/core/media-types.ts
/** Media types of the OCI image spec and their Docker schema 2 twins. */
const MediaType = {
    OciIndex: 'application/vnd.oci.image.index.v1+json',
    OciManifest: 'application/vnd.oci.image.manifest.v1+json',
    OciConfig: 'application/vnd.oci.image.config.v1+json',
    DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    DockerConfig: 'application/vnd.docker.container.image.v1+json',
};
/** Every manifest media type we can read, in the order sent in `Accept`. */
const ManifestMediaTypes = [
    MediaType.OciIndex,
    MediaType.DockerManifestList,
    MediaType.OciManifest,
    MediaType.DockerManifest,
];
function isIndexMediaType(mediaType) {
    return mediaType === MediaType.OciIndex || mediaType === MediaType.DockerManifestList;
}
function isImageManifestMediaType(mediaType) {
    return mediaType === MediaType.OciManifest || mediaType === MediaType.DockerManifest;
}
function isDockerMediaType(mediaType) {
    return mediaType.startsWith('application/vnd.docker.');
}
/** The distribution spec lets registries refuse larger manifests; 4 MiB is what they commonly accept. */
const MaxManifestBytes = 4 * 1024 * 1024;

;// CONCATENATED MODULE: ./src/core/platform.ts
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
]);
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
]);
// What people type, and what `uname -m` prints, mapped to GOARCH (and the variant it implies).
const ArchitectureAliases = {
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
};
/**
 * Normalizes a platform the way containerd's matcher compares them: arm defaults to v7 and arm64's v8 is
 * implied, so `linux/arm64/v8` and `linux/arm64` are one platform.
 */
function normalizePlatform(platform) {
    const alias = ArchitectureAliases[platform.architecture];
    const architecture = alias?.architecture ?? platform.architecture;
    let variant = platform.variant || alias?.variant;
    if (architecture === 'arm' && !variant)
        variant = 'v7';
    if (architecture === 'arm64' && variant === 'v8')
        variant = undefined;
    if (architecture === 'amd64' && variant === 'v1')
        variant = undefined;
    const normalized = { os: platform.os, architecture };
    if (variant)
        normalized.variant = variant;
    if (platform['os.version'])
        normalized['os.version'] = platform['os.version'];
    if (platform['os.features']?.length)
        normalized['os.features'] = [...platform['os.features']];
    return normalized;
}
/**
 * Parses `os/arch[/variant]` (or a bare architecture, taken as linux) into a normalized platform, or throws
 * an error starting with `where` (e.g. "Input 'platform'") that names the value and the expected form.
 */
function parsePlatform(value, where) {
    const text = value.trim().toLowerCase();
    const parts = text.split('/');
    if (parts.length === 1 && parts[0])
        parts.unshift('linux');
    const [os, architecture, variant] = parts;
    if (parts.length > 3 || !os || !architecture || (parts.length === 3 && !variant)) {
        throw new Error(`${where}: '${value}' is not a platform. Expected os/arch[/variant], e.g. linux/arm64.`);
    }
    if (!KnownOs.has(os)) {
        throw new Error(`${where}: unknown operating system '${os}' in '${value}'. Expected one of: ${[...KnownOs].join(', ')}.`);
    }
    const platform = normalizePlatform(variant ? { os, architecture, variant } : { os, architecture });
    if (!KnownArchitectures.has(platform.architecture)) {
        throw new Error(`${where}: unknown architecture '${architecture}' in '${value}'. Expected one of: ${[...KnownArchitectures].join(', ')}.`);
    }
    return platform;
}
/** `os/arch[/variant]`, the form users write and platform-matching tools print. */
function formatPlatform(platform) {
    const p = normalizePlatform(platform);
    return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
/** `linux-arm-v7`: the platform as a file-name- and tag-safe word. */
function platformSlug(platform) {
    return formatPlatform(platform).replace(/\//g, '-');
}
/** One word per target platform once normalized, os.version included (for Windows): for sets and maps. */
function platformKey(platform) {
    const p = normalizePlatform(platform);
    return `${formatPlatform(p)}|${p['os.version'] ?? ''}`;
}
/** Whether two platforms name the same target once normalized (os.version included, for Windows). */
function samePlatform(a, b) {
    return platformKey(a) === platformKey(b);
}
/** The platform of a runner: GitHub's `RUNNER_ARCH` (X64, ARM64, ARM, X86), or `uname -m` elsewhere. */
function runnerPlatform(runnerArch, machine) {
    const byRunnerArch = {
        X64: { os: 'linux', architecture: 'amd64' },
        ARM64: { os: 'linux', architecture: 'arm64' },
        ARM: { os: 'linux', architecture: 'arm', variant: 'v7' },
        X86: { os: 'linux', architecture: '386' },
    };
    const known = runnerArch ? byRunnerArch[runnerArch.toUpperCase()] : undefined;
    if (known)
        return known;
    return normalizePlatform({ os: 'linux', architecture: machine.trim() });
}
/** Orders platforms as `docker manifest inspect` users expect to read them: by os, arch, variant. */
function comparePlatforms(a, b) {
    const x = formatPlatform(a);
    const y = formatPlatform(b);
    return x < y ? -1 : x > y ? 1 : (a['os.version'] ?? '').localeCompare(b['os.version'] ?? '');
}

;// CONCATENATED MODULE: ./src/core/reference.ts

const DockerHub = 'docker.io';
/** Docker Hub under any of its host names (`index.docker.io`, `registry-1.docker.io`) is `docker.io`. */
function canonicalRegistry(host) {
    return host === 'index.docker.io' || host === 'registry-1.docker.io' ? DockerHub : host;
}
// The distribution/reference grammar (distribution-spec "Pulling manifests": name and tag).
const PathComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TagPattern = /^[\w][\w.-]{0,127}$/;
const DomainPattern = /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$/;
const MaxNameLength = 255;
/** Whether `tag` is a valid tag: up to 128 of `[A-Za-z0-9_.-]`, not starting with `.` or `-`. */
function isValidTag(tag) {
    return TagPattern.test(tag);
}
/** Parses `[registry/]path`, an image name without tag or digest, as `images` takes it. */
function parseRepository(value, where) {
    const reference = parseReference(value, where);
    if (reference.tag !== undefined || reference.digest !== undefined) {
        throw new Error(`${where}: '${value}' has a tag or digest. Expected an image name without one, e.g. ghcr.io/acme/app; put tags in 'tags'.`);
    }
    return reference.repository;
}
/** Parses `[registry/]path[:tag][@digest]`, or throws naming the input and what was expected. */
function parseReference(value, where) {
    const text = value.trim();
    const fail = (why) => {
        throw new Error(`${where}: '${value}' is not a valid image reference: ${why}.`);
    };
    if (!text)
        fail('it is empty');
    let rest = text;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        const candidate = rest.slice(at + 1);
        if (!isDigest(candidate))
            fail(`'${candidate}' is not a digest (expected sha256: and 64 hex digits)`);
        digest = candidate;
        rest = rest.slice(0, at);
    }
    let tag;
    const lastSlash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!isValidTag(tag))
            fail(`tag '${tag}' must be 1-128 of A-Z a-z 0-9 _ . - and not start with . or -`);
    }
    const components = rest.split('/');
    let registry = DockerHub;
    const first = components[0] ?? '';
    if (components.length > 1 &&
        (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
        registry = first;
        components.shift();
        if (!DomainPattern.test(registry))
            fail(`'${registry}' is not a registry host`);
    }
    registry = canonicalRegistry(registry);
    if (registry === DockerHub && components.length === 1)
        components.unshift('library');
    for (const component of components) {
        if (!PathComponent.test(component)) {
            fail(`path component '${component}' must be lowercase letters and digits, separated by '.', '_', '__' or '-'`);
        }
    }
    const path = components.join('/');
    if (registry.length + 1 + path.length > MaxNameLength)
        fail(`the name is longer than ${MaxNameLength} characters`);
    const reference = { repository: { registry, path } };
    if (tag !== undefined)
        reference.tag = tag;
    if (digest !== undefined)
        reference.digest = digest;
    return reference;
}
/** `ghcr.io/acme/app`: the fully qualified name. */
function formatRepository(repository) {
    return `${repository.registry}/${repository.path}`;
}
/** `ghcr.io/acme/app:1.4@sha256:...`, with whatever parts the reference has. */
function formatReference(reference) {
    let text = formatRepository(reference.repository);
    if (reference.tag !== undefined)
        text += `:${reference.tag}`;
    if (reference.digest !== undefined)
        text += `@${reference.digest}`;
    return text;
}
function sameRepository(a, b) {
    return a.registry === b.registry && a.path === b.path;
}
/** Whether a registry host is on this machine, where Docker too speaks plain HTTP by default. */
function isLoopbackRegistry(registry) {
    const host = registry.startsWith('[')
        ? registry.slice(0, registry.indexOf(']') + 1)
        : registry.split(':')[0];
    return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

;// CONCATENATED MODULE: ./src/core/record.ts







const RecordSchema = 'native-multiarch/digest-record';
const RecordVersion = 1;
/** Records are small; a larger file is not ours and is refused before parsing. */
const MaxRecordBytes = 64 * 1024;
/** The record of a finished build. The image descriptor must carry the platform the build was asked for. */
function makeRecord(fields) {
    return {
        schema: RecordSchema,
        version: RecordVersion,
        images: fields.images.map(formatRepository),
        platform: formatPlatform(fields.platform),
        digest: fields.pushed.digest,
        mediaType: fields.pushed.mediaType,
        size: fields.pushed.size,
        manifests: fields.manifests,
        run: fields.run,
        builder: fields.builder,
    };
}
/**
 * A short, stable name for a set of images (and the user's hand-off key): records and artifacts of two images
 * built in one run carry different names, so neither can overwrite or be mistaken for the other.
 */
function imagesKey(images, key = '') {
    const sorted = [...new Set(images.map(image => image.trim().toLowerCase()))].sort();
    return (0,external_node_crypto_namespaceObject.createHash)('sha256')
        .update(JSON.stringify({ images: sorted, key }))
        .digest('hex')
        .slice(0, 12);
}
/** A file name no two records share: images, platform, digest. */
function recordFileName(record, key = '') {
    const platform = platformSlug(parsePlatform(record.platform, 'record platform'));
    return `${imagesKey(record.images, key)}-${platform}-${shortDigest(record.digest)}.json`;
}
function serializeRecord(record) {
    return `${JSON.stringify(record, null, 2)}\n`;
}
/** Parses and validates a record file's text; every error names the file and the field. */
function parseRecord(text, file) {
    const fail = (why) => {
        throw new Error(`Digest record ${file} is not valid: ${why}. Re-run the build step that wrote it.`);
    };
    if (Buffer.byteLength(text) > MaxRecordBytes)
        fail(`it is larger than ${MaxRecordBytes} bytes`);
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        return fail(`it is not JSON (${error.message})`);
    }
    if (!isObject(value))
        return fail('it is not a JSON object');
    if (value.schema !== RecordSchema)
        fail(`'schema' is ${JSON.stringify(value.schema)}, expected '${RecordSchema}'`);
    if (value.version !== RecordVersion) {
        fail(`'version' is ${JSON.stringify(value.version)}; this action reads version ${RecordVersion}, so use the same action version for build and merge`);
    }
    if (!Array.isArray(value.images) ||
        value.images.length === 0 ||
        !value.images.every(i => typeof i === 'string')) {
        fail(`'images' must be a non-empty list of image names`);
    }
    const images = value.images.map(image => formatRepository(parseRepository(image, `Digest record ${file} is not valid: 'images'`)));
    if (typeof value.platform !== 'string')
        return fail(`'platform' must be a string like linux/arm64`);
    const platform = formatPlatform(parsePlatform(value.platform, `Digest record ${file} is not valid: 'platform'`));
    // Strict: a record is the action's own writing, so anything malformed in it is refused, not dropped.
    const reading = { strict: true, fail };
    const pushed = parseDescriptor({ mediaType: value.mediaType, digest: value.digest, size: value.size }, 'the record', reading);
    if (!isIndexMediaType(pushed.mediaType) && !isImageManifestMediaType(pushed.mediaType)) {
        fail(`'mediaType' ${pushed.mediaType} is neither an image manifest nor an index`);
    }
    if (!Array.isArray(value.manifests) || value.manifests.length === 0)
        fail(`'manifests' must list at least the image`);
    const manifests = value.manifests.map((m, i) => parseDescriptor(m, `manifests[${i}]`, reading));
    const images_ = manifests.filter(m => !isAttestation(m));
    if (images_.length !== 1)
        fail(`'manifests' must hold exactly one image (and any attestations), found ${images_.length}`);
    const image = images_[0];
    if (!image.platform || formatPlatform(image.platform) !== platform) {
        fail(`the image in 'manifests' is for ${image.platform ? formatPlatform(image.platform) : 'no platform'}, the record says ${platform}`);
    }
    if (!isObject(value.run))
        return fail(`'run' must be an object`);
    const run = value.run;
    if (typeof run.id !== 'string' || typeof run.job !== 'string' || !Number.isInteger(run.attempt)) {
        fail(`'run' must have string 'id' and 'job' and an integer 'attempt'`);
    }
    if (typeof value.builder !== 'string')
        fail(`'builder' must be a string`);
    return {
        schema: RecordSchema,
        version: RecordVersion,
        images,
        platform,
        digest: pushed.digest,
        mediaType: pushed.mediaType,
        size: pushed.size,
        manifests,
        run: { id: run.id, attempt: run.attempt, job: run.job },
        builder: value.builder,
    };
}

;// CONCATENATED MODULE: ./src/settings/names.ts
/** Input names, exactly as action.yml declares them. */
var Input;
(function (Input) {
    Input["Mode"] = "mode";
    Input["Images"] = "images";
    Input["Platform"] = "platform";
    Input["Builder"] = "builder";
    Input["Context"] = "context";
    Input["File"] = "file";
    Input["Target"] = "target";
    Input["BuildArgs"] = "build-args";
    Input["Labels"] = "labels";
    Input["Push"] = "push";
    Input["CacheFrom"] = "cache-from";
    Input["CacheTo"] = "cache-to";
    Input["ArchTags"] = "arch-tags";
    Input["Tags"] = "tags";
    Input["Platforms"] = "platforms";
    Input["OptionalPlatforms"] = "optional-platforms";
    Input["TagPolicy"] = "tag-policy";
    Input["Digests"] = "digests";
    Input["DigestsPath"] = "digests-path";
    Input["Annotations"] = "annotations";
    Input["Metadata"] = "metadata";
    Input["InsecureRegistries"] = "insecure-registries";
    Input["HandoffKey"] = "handoff-key";
    Input["VerifyPlatforms"] = "verify-platforms";
    Input["KeepArtifacts"] = "keep-artifacts";
    Input["GithubToken"] = "github-token";
    Input["Prune"] = "prune";
    Input["PruneMinAge"] = "prune-min-age";
    Input["DryRun"] = "dry-run";
    Input["GithubRegistryHosts"] = "github-registry-hosts";
})(Input || (Input = {}));
/** Output names, exactly as action.yml declares them. */
var Output;
(function (Output) {
    Output["Digest"] = "digest";
    Output["Platform"] = "platform";
    Output["Image"] = "image";
    Output["Refs"] = "refs";
    Output["Kept"] = "kept";
    Output["Platforms"] = "platforms";
    Output["Pruned"] = "pruned";
})(Output || (Output = {}));
const Modes = ['build', 'merge', 'prune'];
/** The builders the `builder` input names; `auto` picks the first present in this order. */
const BuilderNames = ['buildx', 'podman', 'buildah'];

;// CONCATENATED MODULE: ./src/settings/values.ts
let vocabulary = 'inputs';
/** With flags: how inputs that have no flag reach the command line (an environment variable). */
let notFlags = {};
/**
 * Called once by the command line's entry before anything is read: from then on every message names `--tags`
 * where the action says input 'tags', and `elsewhere` names the inputs that have no flag. One process runs one
 * shell, so this is set once and never changes back.
 */
function speakInFlags(elsewhere = {}) {
    vocabulary = 'flags';
    notFlags = elsewhere;
}
function flag(name) {
    return notFlags[name] ?? `--${name}`;
}
/** The input's name as a message starts with it: `Input 'tags'` in a workflow, `--tags` on the command line. */
function inputLabel(name) {
    return vocabulary === 'flags' ? flag(name) : `Input '${name}'`;
}
/** The input named as such mid-sentence: `input 'tags'` in a workflow, `--tags` on the command line. */
function inputPhrase(name) {
    return vocabulary === 'flags' ? flag(name) : `input '${name}'`;
}
/** The input's name in the middle of a sentence: `'tags'` in a workflow, `--tags` on the command line. */
function inputName(name) {
    return vocabulary === 'flags' ? flag(name) : `'${name}'`;
}
/** Items of a comma- or newline-separated list, trimmed, empties dropped. */
function parseList(text) {
    return text
        .split(/[\n,]/)
        .map(item => item.trim())
        .filter(Boolean);
}
/** Items of a newline-separated list, where commas belong to the values (build args, labels, annotations). */
function parseLines(text) {
    return text
        .split('\n')
        .map(item => item.trim())
        .filter(Boolean);
}
/** YAML 1.2 core booleans, as actions/toolkit's getBooleanInput accepts them; empty takes the default. */
function parseBoolean(text, name, fallback) {
    const value = text.trim();
    if (!value)
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new Error(`${inputLabel(name)}: '${value}' is not a boolean. Expected true or false.`);
}
/** `key=value` lines into a map; the key must be non-empty and free of spaces. `where` starts each error. */
function parseKeyValues(lines, where) {
    const map = {};
    for (const line of lines) {
        const eq = line.indexOf('=');
        const key = eq > 0 ? line.slice(0, eq).trim() : '';
        if (!key || /\s/.test(key)) {
            throw new Error(`${where}: '${line}' is not key=value. Expected one key=value per line.`);
        }
        map[key] = line.slice(eq + 1);
    }
    return map;
}
// The levels buildx and docker/metadata-action prefix annotations with, optionally with a platform in brackets.
const LevelPrefix = /^(index|manifest|index-descriptor|manifest-descriptor)(\[[^\]]*\])?:/;
/**
 * Annotation lines by level, as buildx and docker/metadata-action write them: `index:key=value` and a bare
 * `key=value` belong to the index; every other level to the images the build step makes.
 */
function parseAnnotations(lines, where) {
    const index = [];
    const elsewhere = [];
    for (const line of lines) {
        const eq = line.indexOf('=');
        const level = LevelPrefix.exec(eq < 0 ? line : line.slice(0, eq));
        if (!level)
            index.push(line);
        else if (level[1] === 'index' && !level[2])
            index.push(line.slice(level[0].length));
        else
            elsewhere.push(line);
    }
    return { index: parseKeyValues(index, where), elsewhere };
}
const DurationUnits = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** A duration such as `24h`, `90m`, `7d` or `1d12h` (units s, m, h, d; `0` alone is zero), in ms. */
function parseDuration(text, name) {
    const value = text.trim();
    if (value === '0')
        return 0;
    if (!/^(\d+[smhd])+$/.test(value)) {
        throw new Error(`${inputLabel(name)}: '${value}' is not a duration. Expected a number with a unit s, m, h or d, e.g. 24h, 90m or 7d.`);
    }
    let ms = 0;
    for (const [, amount, unit] of value.matchAll(/(\d+)([smhd])/g))
        ms += Number(amount) * DurationUnits[unit];
    return ms;
}

;// CONCATENATED MODULE: ./src/handoff/directory.ts






/**
 * Records as files in a directory the user carries between jobs (their own upload/download-artifact steps, or
 * another CI system's workspace). Subdirectories are read too: download-artifact puts each artifact in one.
 * Links are followed while they stay inside the directory; whatever is passed over is named in the log.
 */
function directoryTransport(dir, options) {
    return {
        async put(record) {
            await (0,promises_namespaceObject.mkdir)(dir, { recursive: true });
            const file = (0,external_node_path_namespaceObject.join)(dir, recordFileName(record, options.key));
            await (0,promises_namespaceObject.writeFile)(file, serializeRecord(record));
            return file;
        },
        async list() {
            const hint = "Point it at where the build steps' records were downloaded.";
            const info = await (0,promises_namespaceObject.stat)(dir).catch((error) => {
                // Only a missing path is "missing": EACCES on a parent, say, must reach the user as it is.
                if (error.code === 'ENOENT')
                    throw new Error(`${inputLabel(Input.DigestsPath)}: '${dir}' does not exist. ${hint}`);
                throw new Error(`${inputLabel(Input.DigestsPath)}: cannot read '${dir}': ${error.message}`);
            });
            if (!info.isDirectory())
                throw new Error(`${inputLabel(Input.DigestsPath)}: '${dir}' is not a directory. ${hint}`);
            const records = [];
            for (const { path, real } of await recordFiles(dir, options.logger)) {
                const source = shown(path);
                // Read by its resolved path: the file that was checked to lie inside, wherever the link points later.
                const size = (await (0,promises_namespaceObject.stat)(real)).size;
                if (size > MaxRecordBytes)
                    throw new Error(`Digest record ${source} is not valid: it is larger than ${MaxRecordBytes} bytes.`);
                records.push({ record: parseRecord(await (0,promises_namespaceObject.readFile)(real, 'utf8'), source), source });
            }
            options.logger.debug(`Read ${records.length} digest record(s) from ${dir}`);
            return records;
        },
        // The directory belongs to the user's own steps; leave it as found.
        async cleanup() { },
    };
}
// Subdirectories read below the records directory: download-artifact's one per artifact, and one more.
const MaxDepth = 3;
/**
 * The `.json` files under `dir`, links followed while they stay inside it; every entry passed over that could
 * have been a record is named with the reason (a link outside, a broken link, not a regular file, too deep).
 */
async function recordFiles(dir, logger) {
    const root = await (0,promises_namespaceObject.realpath)(dir);
    const walk = { root, seen: new Map([[root, dir]]), found: [], skipped: [] };
    await readDirectory(dir, root, MaxDepth, walk);
    logSkipped(logger, walk.skipped, `entries of '${dir}'`);
    return walk.found;
}
async function readDirectory(dir, real, depth, walk) {
    const entries = await (0,promises_namespaceObject.readdir)(dir, { withFileTypes: true }).catch((error) => {
        throw new Error(`${inputLabel(Input.DigestsPath)}: cannot read '${dir}': ${error.message}`);
    });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const path = (0,external_node_path_namespaceObject.join)(dir, entry.name);
        const target = entry.isSymbolicLink()
            ? await followLink(path, walk.root)
            : { real: (0,external_node_path_namespaceObject.join)(real, entry.name), kind: kindOf(entry) };
        const skip = (why) => walk.skipped.push(`Skipped ${shown(path)}: ${why}.`);
        const first = 'real' in target ? walk.seen.get(target.real) : undefined;
        if ('reason' in target)
            skip(target.reason);
        else if (target.kind === 'directory') {
            if (first)
                skip(`it is the same directory as ${shown(first)}`);
            else if (depth <= 1)
                skip(`it is more than ${MaxDepth - 1} directories deep`);
            else {
                walk.seen.set(target.real, path);
                await readDirectory(path, target.real, depth - 1, walk);
            }
        }
        else if (!entry.name.endsWith('.json'))
            continue;
        else if (target.kind !== 'file')
            skip(`it is not a regular file but a ${target.kind}`);
        else if (first)
            skip(`it is the same file as ${shown(first)}`);
        else {
            walk.seen.set(target.real, path);
            walk.found.push({ path, real: target.real });
        }
    }
}
/** Where a link leads: a file or directory inside `root`, or why it is not followed. */
async function followLink(path, root) {
    let real;
    try {
        real = await (0,promises_namespaceObject.realpath)(path);
    }
    catch (error) {
        const code = error.code;
        const to = await (0,promises_namespaceObject.readlink)(path).catch(() => '?');
        return {
            reason: code === 'ENOENT'
                ? `it is a broken link (to ${to})`
                : `its link to ${to} cannot be followed (${code})`,
        };
    }
    if (real !== root && !real.startsWith(root + external_node_path_namespaceObject.sep))
        return { reason: `it links to ${real}, outside the records directory ${root}` };
    return { real, kind: kindOf(await (0,promises_namespaceObject.stat)(real)) };
}
function kindOf(entry) {
    if (entry.isFile())
        return 'file';
    if (entry.isDirectory())
        return 'directory';
    return entry.isFIFO() ? 'named pipe' : entry.isSocket() ? 'socket' : 'device';
}
function shown(path) {
    return (0,external_node_path_namespaceObject.relative)(process.cwd(), path) || path;
}

;// CONCATENATED MODULE: ./src/handoff/none.ts
/**
 * No hand-off: off GitHub Actions without a records directory. A build writes no record (its digest is an
 * output, for the merge's `digests`), and a merge publishes what `digests` names.
 */
const noTransport = {
    put: async () => undefined,
    list: async () => [],
    cleanup: async () => { },
};

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./src/action/runner.ts
/**
 * The runner's side of a step, spoken directly: inputs from `INPUT_*` variables, workflow commands on stdout
 * (`::error::`, `::add-mask::`, `::group::`), outputs and the job summary appended to the files the runner
 * names. It is the protocol @actions/core implements, cut to what this action uses: @actions/core always loads
 * its OIDC client (http-client and undici) and so doubled the bundle's start-up, which every merge pays.
 */



const stdoutSink = line => process.stdout.write(`${line}\n`);
/** An output as plain log lines, one `name=line` per line of the value, so `grep '^refs='` finds every ref. */
function outputLines(name, value) {
    return value.split('\n').map(line => `${name}=${line}`);
}
/** An input's text as a runner sets it (`INPUT_` + the name upper-cased, spaces as `_`), trimmed; '' when unset. */
function readInput(env, name) {
    return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
/** `::name::message`, the message escaped so that a newline or `%` cannot end or forge the command. */
function formatCommand(name, message = '') {
    return `::${name}::${escapeData(message)}`;
}
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
// What the runner strips or may ignore before it looks for a command: whitespace, control and format
// characters, combining marks. Removing all of them before the check errs on the side of bracketing.
const Invisible = /[\p{Z}\p{C}\p{M}]/gu;
/**
 * Log text the runner will not obey. The runner takes a line that starts with `::` (after whitespace) as a
 * command, and `##[name]` anywhere in a line as a legacy one; a file name or a registry's answer may hold
 * either. Such text is printed as it is, between `::stop-commands::<token>` and `::<token>::`: the runner
 * obeys nothing in between but the random token that ends the bracket, which the text cannot know.
 */
function inertLog(text, token = () => (0,external_node_crypto_namespaceObject.randomUUID)().replace(/-/g, '')) {
    if (!/::|##\[/.test(text.replace(Invisible, '')))
        return text;
    const end = token();
    return `${formatCommand('stop-commands', end)}\n${text}\n::${end}::`;
}
/** Text for HTML: `<img onerror=...>` in a file name shows as those characters, not as an element. */
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
/**
 * One `GITHUB_OUTPUT` entry: `name<<delimiter`, the value, the delimiter. A random delimiter means no value
 * can end the entry early; one that contains it anyway is refused rather than written.
 */
function formatOutput(name, value, delimiter = `ghadelimiter_${randomUUID()}`) {
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`Output '${name}' contains its own delimiter; it was not written`);
    return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}
/**
 * The summary as the HTML GitHub renders: heading, table, and the references as a list of code. Every piece
 * of text is escaped; the only markup is written here.
 */
function formatSummary({ heading, rows, refs, notes = [] }) {
    const table = rows.map(row => `<tr>${row.map(cell).join('')}</tr>`).join('');
    const list = refs.length ? `<ul>${refs.map(ref => `<li>${code(ref)}</li>`).join('')}</ul>\n` : '';
    const paragraphs = notes.map(note => `<p>${escapeHtml(note)}</p>\n`).join('');
    return `<h3>${escapeHtml(heading)}</h3>\n<table>${table}</table>\n${list}${paragraphs}`;
}
function cell(item) {
    if (typeof item === 'string')
        return `<td>${escapeHtml(item)}</td>`;
    return 'code' in item ? `<td>${code(item.code)}</td>` : `<th>${escapeHtml(item.data)}</th>`;
}
function code(text) {
    return `<code>${escapeHtml(text)}</code>`;
}
/**
 * The step's shell as a runner provides it; `env` is the process environment, `sink` stdout. Debug lines
 * are written only with debug logging on (`RUNNER_DEBUG=1`), as the runner would hide them anyway.
 */
function runnerShell(env, sink = stdoutSink) {
    const logger = {
        // The message is a command's data, escaped: the command is ours, whatever the text says.
        debug: message => {
            if (env.RUNNER_DEBUG === '1')
                sink(formatCommand('debug', message));
        },
        info: message => sink(inertLog(message)),
        warning: message => sink(formatCommand('warning', message)),
    };
    return {
        read: (name) => readInput(env, name),
        logger,
        async group(name, fn) {
            sink(formatCommand('group', name));
            try {
                return await fn();
            }
            finally {
                sink(formatCommand('endgroup'));
            }
        },
        setSecret: (secret) => sink(formatCommand('add-mask', secret)),
        setOutput(name, value) {
            // Outside a runner (a local `node dist/index.js`) there is no file: the log is the output.
            if (env.GITHUB_OUTPUT)
                appendFileSync(env.GITHUB_OUTPUT, formatOutput(name, value));
            else
                outputLines(name, value).forEach(sink);
        },
        async writeSummary(summary) {
            // Outside a runner there is no summary file; the log already has it all.
            if (env.GITHUB_STEP_SUMMARY)
                await appendFile(env.GITHUB_STEP_SUMMARY, formatSummary(summary));
        },
        /** Reports the failure as an error annotation and makes the step fail. */
        fail(message) {
            process.exitCode = 1;
            sink(formatCommand('error', message));
        },
    };
}

;// CONCATENATED MODULE: ./src/core/concurrency.ts
/**
 * Maps over items with at most `limit` calls in flight, keeping result order. The first failure is thrown
 * once every started call has settled, so no request is left running behind an error.
 */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    let failure;
    const worker = async () => {
        while (next < items.length && !failure) {
            const index = next++;
            try {
                results[index] = await fn(items[index], index);
            }
            catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    if (failure)
        throw failure.error;
    return results;
}
/**
 * Slots per key (a registry host), handed out in the order they were asked for. A slot is given back once:
 * a second call of the same release function does nothing, so callers may release on every way out.
 */
function keyedLimiter(limit) {
    const max = Math.max(1, limit);
    const busy = new Map();
    const waiting = new Map();
    const release = (key) => {
        const queue = waiting.get(key);
        const next = queue?.shift();
        if (queue?.length === 0)
            waiting.delete(key);
        if (next)
            return next();
        const count = (busy.get(key) ?? 1) - 1;
        if (count > 0)
            busy.set(key, count);
        else
            busy.delete(key);
    };
    return {
        async acquire(key) {
            const count = busy.get(key) ?? 0;
            if (count < max) {
                busy.set(key, count + 1);
            }
            else {
                // A released slot passes straight to the next waiter, so the count stays as it is.
                await new Promise(resolve => {
                    const queue = waiting.get(key) ?? [];
                    queue.push(resolve);
                    waiting.set(key, queue);
                });
            }
            let released = false;
            return () => {
                if (released)
                    return;
                released = true;
                release(key);
            };
        },
    };
}

;// CONCATENATED MODULE: ./src/core/manifest.ts




/** Parses manifest bytes of the given media type as an index; `where` names the reference for errors. */
function parseIndex(bytes, mediaType, where) {
    const value = parseJsonObject(bytes, where);
    if (!isIndexMediaType(mediaType))
        throw new Error(`${where} is ${mediaType}, not an image index.`);
    if (!Array.isArray(value.manifests))
        throw new Error(`${where} is not a valid image index: it has no 'manifests' list.`);
    const index = {
        mediaType,
        manifests: value.manifests.map((m, i) => parseDescriptor(m, `${where} manifests[${i}]`)),
    };
    if (isStringMap(value.annotations))
        index.annotations = value.annotations;
    return index;
}
/** Parses manifest bytes as an image manifest (config and layers). */
function parseImageManifest(bytes, mediaType, where) {
    const value = parseJsonObject(bytes, where);
    if (!isImageManifestMediaType(mediaType))
        throw new Error(`${where} is ${mediaType}, not an image manifest.`);
    if (!Array.isArray(value.layers))
        throw new Error(`${where} is not a valid image manifest: it has no 'layers' list.`);
    return {
        mediaType,
        config: parseDescriptor(value.config, `${where} config`),
        layers: value.layers.map((l, i) => parseDescriptor(l, `${where} layers[${i}]`)),
    };
}
/** The platform an image config declares: what a client will actually run, whatever a record says. */
function parseConfigPlatform(bytes, where) {
    const value = parseJsonObject(bytes, where);
    if (typeof value.os !== 'string' || typeof value.architecture !== 'string') {
        throw new Error(`${where} is not a valid image config: it has no 'os' and 'architecture'.`);
    }
    const platform = { os: value.os, architecture: value.architecture };
    if (typeof value.variant === 'string' && value.variant)
        platform.variant = value.variant;
    if (typeof value['os.version'] === 'string' && value['os.version'])
        platform['os.version'] = value['os.version'];
    return normalizePlatform(platform);
}
/** A manifest's own annotations, whatever its media type (index or image); empty when it has none. */
function parseManifestAnnotations(bytes, where) {
    const value = parseJsonObject(bytes, where);
    return isStringMap(value.annotations) ? value.annotations : {};
}
function parseJsonObject(bytes, where) {
    let value;
    try {
        value = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new Error(`${where} is not JSON (${bytes.length} bytes starting ${JSON.stringify(bytes.subarray(0, 40).toString('utf8'))}).`);
    }
    if (!isObject(value))
        throw new Error(`${where} is not a JSON object.`);
    return value;
}
/**
 * What any manifest points at, whatever its media type: the manifests an index lists, and the `subject` a
 * referrer (signature, SBOM, attestation) names. Layers and configs are blobs, not manifests, and are left out.
 */
function parseManifestLinks(bytes, where) {
    const value = parseJsonObject(bytes, where);
    const children = Array.isArray(value.manifests)
        ? value.manifests.map((m, i) => parseDescriptor(m, `${where} manifests[${i}]`).digest)
        : [];
    if (value.subject === undefined)
        return { children };
    return { children, subject: parseDescriptor(value.subject, `${where} subject`).digest };
}

;// CONCATENATED MODULE: ./src/registry/hosts.ts


/**
 * Requests in flight per registry host: enough to hide latency, few enough not to trip GHCR's 429. The one
 * number for it: the client enforces it per host, and the steps above fan out this wide.
 */
const DefaultRequestsPerHost = 4;
/**
 * Existence checks (manifest and blob HEADs) in flight per registry host, beside the requests above: a HEAD has
 * no body, costs a registry a lookup, and Docker Hub does not count it as a pull, so a merge's checks of every
 * child and tag fit in one round rather than queue four at a time.
 */
const DefaultChecksPerHost = 16;
/** Docker Hub's references say `docker.io`; its registry API lives here. */
const DockerHubEndpoint = 'registry-1.docker.io';
/**
 * Where a registry's API lives: Docker Hub's `docker.io` is served by `registry-1.docker.io`; loopback hosts
 * and the listed insecure registries speak plain HTTP, every other registry HTTPS.
 */
function registryEndpoint(registry, insecureRegistries = new Set()) {
    const host = registry === DockerHub ? DockerHubEndpoint : registry;
    return new URL(`${isPlainHttpRegistry(registry, insecureRegistries) ? 'http' : 'https'}://${host}`);
}
/** Loopback hosts (where Docker too speaks plain HTTP) and registries listed as insecure. */
function isPlainHttpRegistry(host, insecureRegistries) {
    return isLoopbackRegistry(host) || insecureRegistries.has(host);
}
/**
 * Per registry host, in one place: how it is spoken to (plain HTTP or TLS), how many requests it gets at once,
 * and what this step has learned about it (that its manifest HEAD is not implemented; the auth scheme is kept
 * by the `Authenticator`, which learns it from the first challenge).
 */
class RegistryHosts {
    /** Slots per host: a request holds one until its answer's body is read or dropped. */
    slots;
    /** Slots per host for HEADs, which are cheap for a registry: `DefaultChecksPerHost`. */
    checkSlots;
    insecure;
    withoutHead = new Set();
    /** Per registry, the exchange that is learning its auth scheme (resolved once it has an answer). */
    firstExchanges = new Map();
    pinged = new Set();
    constructor(insecureRegistries = [], requestsPerHost = DefaultRequestsPerHost, checksPerHost = DefaultChecksPerHost) {
        this.insecure = new Set(insecureRegistries);
        this.slots = keyedLimiter(requestsPerHost);
        this.checkSlots = keyedLimiter(checksPerHost);
    }
    endpoint(registry) {
        return registryEndpoint(registry, this.insecure);
    }
    allowsPlainHttp(host) {
        return isPlainHttpRegistry(host, this.insecure);
    }
    /** Whether the registry answered a manifest HEAD with 405 or 501 earlier in this step. */
    lacksManifestHead(registry) {
        return this.withoutHead.has(registry);
    }
    /** Notes that the registry has no manifest HEAD; true the first time, so it is said once. */
    learnNoManifestHead(registry) {
        if (this.withoutHead.has(registry))
            return false;
        this.withoutHead.add(registry);
        return true;
    }
    /**
     * Until a registry's auth scheme is known, one exchange learns it while the others wait, so parallel first
     * requests do not each draw a 401. Resolves with `learned` for the one that goes first (call it when it has
     * an answer), or undefined for those that waited.
     */
    async awaitSchemeLearning(registry) {
        const first = this.firstExchanges.get(registry);
        if (first) {
            await first;
            return undefined;
        }
        let learned;
        this.firstExchanges.set(registry, new Promise(resolve => (learned = resolve)));
        return learned;
    }
    /**
     * Gives the turn to learn a registry's scheme to the next exchange: for one that got no challenge (an open
     * `/v2/`, a 503, no answer), so the requests after it do not each draw a 401.
     */
    relearnScheme(registry) {
        this.firstExchanges.delete(registry);
    }
    /** True the first time it is asked for a registry: one `GET /v2/` per registry is enough to learn from. */
    firstPing(registry) {
        if (this.pinged.has(registry))
            return false;
        this.pinged.add(registry);
        return true;
    }
}

;// CONCATENATED MODULE: ./src/registry/errors.ts
/** A response the retry policy may retry: carries its status and the server's `Retry-After`, already in ms. */
class HttpStatusError extends Error {
    status;
    retryAfterMs;
    /** Attempts made before this answer was final; set by the retry policy when it gives up. */
    attempts = 1;
    constructor(message, status, retryAfterMs) {
        super(message);
        this.status = status;
        this.retryAfterMs = retryAfterMs;
        this.name = 'HttpStatusError';
    }
}
const DeniedCodes = new Set(['DENIED', 'UNAUTHORIZED']);
/** The kind of an answer by its status and codes; a `DENIED` code wins over the status. */
function answerKind(status, codes = []) {
    if (status === 401 || status === 403 || codes.some(code => DeniedCodes.has(code)))
        return 'denied';
    if (status === 405 || status === 501)
        return 'unsupported';
    if (status >= 500 || status === 408 || status === 429)
        return 'unavailable';
    if (status === 404 || codes.some(code => code.endsWith('_UNKNOWN')))
        return 'not-found';
    return 'refused';
}
/**
 * A registry (or its token service) answered with an error. It is the `HttpStatusError` the retry policy reads
 * (status, Retry-After), with what callers need to decide: the kind, the codes, and where it came from.
 */
class RegistryError extends HttpStatusError {
    name = 'RegistryError';
    registry;
    method;
    path;
    codes;
    kind;
    constructor(message, answer, options) {
        super(message, answer.status, answer.retryAfterMs);
        if (options?.cause !== undefined)
            this.cause = options.cause;
        this.registry = answer.registry;
        this.method = answer.method;
        this.path = answer.path;
        this.codes = answer.codes ?? [];
        this.kind = answerKind(answer.status, this.codes);
    }
    /** Whether the same request may be answered differently later. */
    get temporary() {
        return this.kind === 'unavailable';
    }
    /** Whether the body carries one of these Distribution error codes. */
    hasCode(...codes) {
        return this.codes.some(code => codes.includes(code));
    }
}
/**
 * The registry's final refusal behind an error: a 4xx answer that asking again would not change (not a 408 or
 * 429). Such an answer may still mean something can be done another way: upload instead of mount, or find the
 * tag already in place.
 */
function finalRefusalOf(error) {
    const answer = registryErrorOf(error);
    return answer && !answer.temporary && answer.status >= 400 && answer.status < 500 ? answer : undefined;
}
/**
 * The `RegistryError` behind an error, following `cause` (a request that gave up after retries wraps the last
 * answer): what `errors.Is` is to Go.
 */
function registryErrorOf(error) {
    for (let e = error, depth = 0; e !== undefined && depth < 8; depth++) {
        if (e instanceof RegistryError)
            return e;
        e = e instanceof Error ? e.cause : undefined;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/registry/retry.ts


/**
 * A request that failed for good: retries ran out, or the failure is not one to retry. An outer `withRetry`
 * (a call whose token request failed) does not start over, which would multiply the attempts.
 */
class GaveUpError extends Error {
    name = 'GaveUpError';
}
const TransientCodes = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'ETIMEDOUT',
    'EPIPE',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EAI_AGAIN',
]);
/**
 * 5xx, 429 Too Many Requests and 408 Request Timeout: the server may answer differently next time. Not 501 Not
 * Implemented, which says the same every time (a registry without manifest HEAD).
 */
function isRetryableStatus(status) {
    return (status >= 500 && status !== 501) || status === 429 || status === 408;
}
/** Whether an error is worth another attempt: a retryable status, or a connection that failed on the way. */
function isRetryable(error) {
    if (error instanceof GaveUpError)
        return false;
    if (error instanceof HttpStatusError)
        return isRetryableStatus(error.status);
    // Duck-typed: errors from node's own modules may come from another realm (vm contexts, test runners).
    if (typeof error !== 'object' || error === null)
        return false;
    const { code, message } = error;
    return ((typeof code === 'string' && TransientCodes.has(code)) ||
        (typeof message === 'string' && /socket hang up/i.test(message)));
}
/** `Retry-After` in ms: delta-seconds or an HTTP-date (RFC 9110 10.2.3); undefined when absent or unreadable. */
function parseRetryAfter(value, now) {
    if (value === undefined)
        return undefined;
    const text = value.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/**
 * Runs `operation` until it succeeds, fails with something not worth retrying, or the attempts or the time run
 * out. Backoff is exponential with full jitter (a random wait up to the doubled bound), so parallel jobs hitting
 * one rate limit spread out; a `Retry-After` is waited for instead, up to `maxRetryAfterMs`.
 */
async function withRetry(target, options, operation) {
    const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    const baseDelayMs = options.baseDelayMs ?? 500;
    const maxDelayMs = options.maxDelayMs ?? 10_000;
    const totalTimeoutMs = options.totalTimeoutMs ?? 120_000;
    const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    const sleep = options.sleep ?? ((ms) => new Promise(resolve => setTimeout(resolve, ms)));
    const now = options.now ?? Date.now;
    const random = options.random ?? Math.random;
    const started = now();
    for (let attempt = 1;; attempt++) {
        try {
            return await operation(attempt);
        }
        catch (error) {
            if (!(options.retryable ?? isRetryable)(error))
                throw error;
            const retryAfter = error instanceof HttpStatusError ? error.retryAfterMs : undefined;
            const delay = retryAfter !== undefined
                ? Math.min(retryAfter, maxRetryAfterMs)
                : random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
            const elapsed = now() - started;
            const outOfTime = elapsed + delay > totalTimeoutMs;
            if (attempt >= maxAttempts || outOfTime) {
                if (error instanceof HttpStatusError)
                    error.attempts = attempt;
                const why = outOfTime
                    ? `gave up after ${attempt} attempt${attempt === 1 ? '' : 's'} in ${seconds(elapsed)} s (the next would start past the ${seconds(totalTimeoutMs)} s limit)`
                    : `failed ${attempt} time${attempt === 1 ? '' : 's'} in ${seconds(elapsed)} s`;
                throw new GaveUpError(`Registry ${target.host}: ${target.method} ${target.path} ${why}. Last error: ${describeError(error)}`, {
                    cause: error,
                });
            }
            options.onRetry?.(error, attempt, delay, target);
            await sleep(delay);
        }
    }
}
/** An error's message with its system code (`ECONNRESET`) when the message lacks it. */
function describeError(error) {
    if (typeof error !== 'object' || error === null || typeof error.message !== 'string')
        return String(error);
    const { code, message } = error;
    return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}
function seconds(ms) {
    return (ms / 1000).toFixed(1);
}

;// CONCATENATED MODULE: ./src/transfer/copy.ts








/**
 * Makes sure `target` has the manifest `descriptor` names and everything it references: an index's children,
 * recursively, and each image's config and layers. What the target already has is skipped (a manifest that is
 * there is complete, so its subtree is not visited); blobs are mounted when the source is in the same
 * registry, streamed otherwise; manifests are put by digest once what they reference is in place.
 */
async function copyManifest(client, source, descriptor, target, options = {}) {
    const copy = {
        client,
        source,
        target,
        logger: options.logger ?? silentLogger,
        concurrency: options.concurrency ?? DefaultRequestsPerHost,
        blobs: new Map(),
    };
    const targetName = formatRepository(target);
    const missing = await plan(copy, descriptor);
    if (!missing) {
        copy.logger.debug(`${targetName} already has ${descriptor.digest}`);
        return;
    }
    const outcomes = await mapLimit([...copy.blobs.values()], copy.concurrency, blob => copyBlob(copy, blob));
    await put(copy, missing);
    const count = (outcome) => outcomes.filter(o => o === outcome).length;
    copy.logger.info(`Copied ${descriptor.digest} from ${source.name} to ${targetName}: ${count('pushed')} blobs uploaded, ${count('mounted')} mounted, ${count('present')} already there`);
}
/** What the target lacks of `manifest`'s tree, reading each missing manifest once and noting its blobs. */
async function plan(copy, manifest) {
    if (await copy.client.headManifest(copy.target, manifest.digest))
        return undefined;
    const where = `${copy.source.name}@${manifest.digest}`;
    const bytes = await copy.source.readManifest(manifest);
    if (manifest.digest.startsWith('sha256:') && sha256Digest(bytes) !== manifest.digest) {
        throw new Error(`${where}: the source gave bytes whose digest is ${sha256Digest(bytes)}.`);
    }
    // A descriptor with the wrong size would be published as given, and containerd fails every pull of it.
    if (bytes.length !== manifest.size) {
        throw new Error(`${where} is ${bytes.length} bytes, but its descriptor says ${manifest.size}.`);
    }
    if (isIndexMediaType(manifest.mediaType)) {
        const index = parseIndex(bytes, manifest.mediaType, where);
        const children = await mapLimit(index.manifests, copy.concurrency, child => plan(copy, child));
        return { descriptor: manifest, bytes, children: children.filter(child => child !== undefined) };
    }
    if (isImageManifestMediaType(manifest.mediaType)) {
        const image = parseImageManifest(bytes, manifest.mediaType, where);
        for (const blob of [image.config, ...image.layers]) {
            // Foreign layers live elsewhere by design (Windows base layers); registries do not hold them.
            if (/foreign|nondistributable/.test(blob.mediaType))
                continue;
            copy.blobs.set(blob.digest, blob);
        }
        return { descriptor: manifest, bytes, children: [] };
    }
    throw new Error(`${where} is ${manifest.mediaType}, which is neither an image manifest nor an index; cannot copy it.`);
}
/** One blob into the target: already there, mounted within the registry, or streamed from the source. */
async function copyBlob(copy, blob) {
    const { client, source, target, logger } = copy;
    if (await client.hasBlob(target, blob.digest))
        return 'present';
    const from = source.repository;
    if (from && from.registry === target.registry && !sameRepository(from, target)) {
        if (await client.mountBlob(target, blob.digest, from))
            return 'mounted';
        logger.debug(`${target.registry} declined to mount ${blob.digest} from ${from.path}; uploading it`);
    }
    // The download runs inside the upload: when it fails, say so, or the error would blame the target.
    let downloadFailure;
    const open = async () => {
        downloadFailure = undefined;
        try {
            // The upload checks every byte against the digest, so the source need not as well.
            const stream = await source.openBlob(blob, { checked: false });
            stream.once('error', error => (downloadFailure = error));
            return stream;
        }
        catch (error) {
            downloadFailure = error;
            throw error;
        }
    };
    try {
        await client.pushBlob(target, blob, open, { progress: progressReport(blob, target, logger) });
    }
    catch (error) {
        if (downloadFailure === undefined)
            throw error;
        throw new Error(`Downloading blob ${blob.digest} from ${source.name} failed (${describeError(downloadFailure)}); ` +
            `the upload to ${formatRepository(target)} stopped because its source did. ${describeError(error)}`, { cause: error });
    }
    return 'pushed';
}
/** PUTs the missing manifests by digest, children first: registries check that an index's children exist. */
async function put(copy, manifest) {
    await mapLimit(manifest.children, copy.concurrency, child => put(copy, child));
    const { digest, mediaType } = manifest.descriptor;
    await copy.client.putManifest(copy.target, digest, manifest.bytes, mediaType);
}
/** Blobs at least this large report progress while they stream, so a long copy shows it is moving. */
const ProgressMinBytes = 64 * 1024 * 1024;
/**
 * How a blob's upload reports progress: every `intervalMs` (10 s) it logs how far it has got, once the blob is at
 * least `minBytes` large; for smaller blobs, undefined (they are quick, and stay silent).
 */
function progressReport(blob, target, logger, { minBytes = ProgressMinBytes, intervalMs = 10_000, now = Date.now } = {}) {
    if (blob.size < minBytes)
        return undefined;
    let last = now();
    const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
    return sent => {
        if (now() - last < intervalMs)
            return;
        last = now();
        logger.info(`Copying ${blob.digest} to ${formatRepository(target)}: ${mib(sent)} of ${mib(blob.size)}`);
    };
}

;// CONCATENATED MODULE: ./src/core/compose.ts



/**
 * Splits what a builder pushed into the image and its attestations. buildx with provenance or SBOM pushes a
 * one-platform index; anything else (several images) is not one platform's build and is refused.
 */
function flattenIndex(index, where) {
    const images = index.manifests.filter(m => !isAttestation(m));
    const attestations = index.manifests.filter(isAttestation);
    if (images.length !== 1) {
        const platforms = images.map(m => (m.platform ? formatPlatform(m.platform) : 'unknown')).join(', ');
        throw new Error(`${where} is an index of ${images.length} images (${platforms || 'none'}); expected one platform's image. ` +
            `Give the per-platform digests instead of a multi-platform index.`);
    }
    const image = images[0];
    for (const attestation of attestations) {
        const subject = attestation.annotations?.[AttestationAnnotation.ReferenceDigest];
        if (subject !== image.digest) {
            throw new Error(`${where} has an attestation ${attestation.digest} for ${subject ?? 'no image'}, not for its image ${image.digest}.`);
        }
    }
    return { image, attestations };
}
/**
 * Checks the sources against the platforms the user requires: none twice, none missing, none extra. Runs
 * before anything is published, so a merge after a failed matrix leg cannot publish a partial index unless
 * the user said that leg may fail: an `optional` platform (even one also in `required`) may be missing, and
 * is returned when it is. With `required` given, a platform in neither list is unexpected. No sources
 * at all is the caller's to report (runMerge says where it looked).
 */
function checkPlatforms(sources, required, 
/** How the user named the list: the action's input, or the command line's flag. */
input = { label: "Input 'platforms'", name: "'platforms'" }, optional = []) {
    const seen = new Map();
    for (const source of sources) {
        const key = platformKey(source.platform);
        const other = seen.get(key);
        if (other) {
            if (other.image.digest === source.image.digest)
                continue;
            throw new Error(`Platform ${formatPlatform(source.platform)} appears twice: ${other.image.digest} (${other.origin}) and ` +
                `${source.image.digest} (${source.origin}). Each platform may be built once per run.`);
        }
        seen.set(key, source);
    }
    const optionalKeys = new Set(optional.map(platformKey));
    const missingOptional = optional.filter(p => !seen.has(platformKey(p)));
    if (!required)
        return missingOptional;
    const allowedKeys = new Set([...required, ...optional].map(platformKey));
    const mustHave = required.filter(p => !optionalKeys.has(platformKey(p)));
    const missing = mustHave.filter(p => !seen.has(platformKey(p))).map(formatPlatform);
    const extra = [...seen.values()].filter(s => !allowedKeys.has(platformKey(s.platform)));
    if (missing.length || extra.length) {
        const found = [...seen.values()].map(s => formatPlatform(s.platform)).join(', ') || 'none';
        const parts = [];
        if (missing.length)
            parts.push(`missing ${missing.join(', ')}`);
        if (extra.length)
            parts.push(`unexpected ${extra.map(s => `${formatPlatform(s.platform)} (${s.origin})`).join(', ')}`);
        throw new Error(`${input.label} requires ${mustHave.map(formatPlatform).join(', ') || 'no platform'}` +
            `${optional.length ? ` (optional: ${optional.map(formatPlatform).join(', ')})` : ''}; found ${found}: ${parts.join('; ')}. ` +
            `Nothing was published. Check that every build job succeeded, or adjust ${input.name}.`);
    }
    return missingOptional;
}
/**
 * Every manifest the sources name (images and attestations), each digest once: a digest named twice (by two
 * records, or by a `digests` tag that resolves to a record's image) is one manifest, and the first source to
 * name it stands for it. Named twice with a different size or media type, one of the two was changed after it
 * was written, and nothing may be published.
 */
function distinctChildren(sources) {
    const children = new Map();
    for (const source of sources) {
        for (const descriptor of [source.image, ...source.attestations]) {
            const first = children.get(descriptor.digest);
            if (!first)
                children.set(descriptor.digest, { source, descriptor });
            else if (first.descriptor.size !== descriptor.size ||
                first.descriptor.mediaType !== descriptor.mediaType)
                throw new Error(`${descriptor.digest} is named twice with different descriptors: ${first.descriptor.size} bytes of ` +
                    `${first.descriptor.mediaType} (${first.source.origin}), ${descriptor.size} bytes of ${descriptor.mediaType} ` +
                    `(${source.origin}). One of them was changed after it was written; nothing was published.`);
        }
    }
    return [...children.values()];
}
/**
 * Composes the index deterministically: the same sources and annotations give the same bytes, hence the same
 * digest, so a re-run publishes the identical index. A Docker manifest list only when every child is a Docker
 * media type and there are no annotations (Docker lists cannot carry them); an OCI index otherwise.
 */
function composeIndex(sources, annotations) {
    const ordered = dedupe(sources).sort((a, b) => comparePlatforms(a.platform, b.platform));
    const images = ordered.map(s => canonicalDescriptor({ ...s.image, platform: s.platform }));
    const attestations = ordered.flatMap(s => s.attestations.map(canonicalDescriptor));
    const manifests = [...images, ...attestations];
    const hasAnnotations = Object.keys(annotations).length > 0 || manifests.some(m => m.annotations);
    const docker = !hasAnnotations && manifests.every(m => isDockerMediaType(m.mediaType));
    const mediaType = docker ? MediaType.DockerManifestList : MediaType.OciIndex;
    const index = { schemaVersion: 2, mediaType, manifests };
    if (Object.keys(annotations).length)
        index.annotations = sortedMap(annotations);
    return {
        mediaType,
        bytes: Buffer.from(JSON.stringify(index, null, 2)),
        annotations: sortedMap(annotations),
        manifests,
    };
}
function dedupe(sources) {
    const byDigest = new Map();
    for (const source of sources)
        if (!byDigest.has(source.image.digest))
            byDigest.set(source.image.digest, source);
    return [...byDigest.values()];
}
// Fixed key order and normalized platforms: byte-identical output regardless of how sources were read.
function canonicalDescriptor(descriptor) {
    const out = {
        mediaType: descriptor.mediaType,
        digest: descriptor.digest,
        size: descriptor.size,
    };
    if (descriptor.artifactType)
        out.artifactType = descriptor.artifactType;
    if (descriptor.platform) {
        const p = isAttestation(descriptor) ? descriptor.platform : normalizePlatform(descriptor.platform);
        const platform = { architecture: p.architecture, os: p.os };
        if (p['os.version'])
            platform['os.version'] = p['os.version'];
        if (p['os.features']?.length)
            platform['os.features'] = p['os.features'];
        if (p.variant)
            platform.variant = p.variant;
        out.platform = platform;
    }
    if (descriptor.annotations && Object.keys(descriptor.annotations).length)
        out.annotations = sortedMap(descriptor.annotations);
    return out;
}
function sortedMap(map) {
    return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_namespaceObject);
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_namespaceObject);
;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
var external_node_v8_default = /*#__PURE__*/__nccwpck_require__.n(external_node_v8_namespaceObject);
;// CONCATENATED MODULE: external "node:vm"
const external_node_vm_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:vm");
var external_node_vm_default = /*#__PURE__*/__nccwpck_require__.n(external_node_vm_namespaceObject);
;// CONCATENATED MODULE: ./src/registry/read-buffers.ts


/**
 * Bytes streamed between two collections of the young generation: a few MiB of read buffers are cheap to
 * keep, and at a collection per 2 MiB the collections cost less than the page faults they save.
 */
const ReclaimEveryBytes = 2 * 1024 * 1024;
/** V8's `gc`, once looked up; null where it cannot be had (the runtime refused the flag): not asked again. */
let collect;
let streamed = 0;
/**
 * Notes `bytes` streamed through this process, collecting the young generation every `ReclaimEveryBytes`.
 *
 * Why: Node reads every socket and file chunk into a fresh buffer (and the HTTP parser copies each body chunk
 * into another), freeing them only when V8 collects their wrappers, which it starts for such memory once tens
 * of MiB have piled up (64 MiB on Node 24). A blob streamed from one registry to another leaves exactly that
 * pile behind it: the copy's peak memory doubled, and the bytes kept landing in pages never touched before,
 * each a page fault, which on a VM was much of the copy's CPU (reading 100 MiB from a socket cost 0.4 to
 * 0.5 s of CPU here, 0.06 s into one reused buffer). The wrappers die young, so a collection of the young
 * generation frees the buffers while malloc can still hand the same pages out again.
 */
function noteStreamed(bytes) {
    streamed += bytes;
    if (streamed < ReclaimEveryBytes)
        return;
    streamed = 0;
    if (collect === undefined)
        collect = exposedCollect();
    collect?.({ type: 'minor' });
}
/**
 * V8's `gc`: the flag that exposes it applies to contexts made after it is set, so one new context fetches it,
 * and the flag is unset again so that no later context sees a `gc` it did not ask for (as jest's leak detector
 * does).
 */
function exposedCollect() {
    const global = globalThis.gc;
    if (global)
        return global;
    try {
        external_node_v8_default().setFlagsFromString('--expose-gc');
        const found = external_node_vm_default().runInNewContext('gc');
        return typeof found === 'function' ? found : null;
    }
    catch {
        return null;
    }
    finally {
        external_node_v8_default().setFlagsFromString('--no-expose-gc');
    }
}

;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
var external_node_net_default = /*#__PURE__*/__nccwpck_require__.n(external_node_net_namespaceObject);
;// CONCATENATED MODULE: external "node:stream"
const external_node_stream_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");
;// CONCATENATED MODULE: external "node:tls"
const external_node_tls_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");
var external_node_tls_default = /*#__PURE__*/__nccwpck_require__.n(external_node_tls_namespaceObject);
;// CONCATENATED MODULE: ./src/registry/response-parser.ts
/** Bytes of head accepted before giving up on a response (node:http's default is 16 KiB). */
const MaxHeadBytes = 64 * 1024;
/** A chunk-size line or trailer line longer than this is not HTTP. */
const MaxLineBytes = 4 * 1024;
/** A connection that ended where HTTP says it may not: retried, as node:http's "socket hang up" is. */
class ConnectionClosedError extends Error {
    code = 'ECONNRESET';
    name = 'ConnectionClosedError';
}
/**
 * Parses one HTTP/1.1 response as its bytes arrive, in pieces split anywhere: the head (1xx heads skipped),
 * then the body, framed by chunked encoding, Content-Length, or the connection's close (RFC 9112 6.3). Body
 * parts are views of the bytes fed, never copies. Anything that is not HTTP throws.
 */
class ResponseParser {
    head;
    ended = false;
    pendingHead = Buffer.alloc(0);
    body;
    /** Feeds bytes; each body part found is passed to `onBody` (a view of `bytes`). */
    feed(bytes, onBody) {
        let rest = bytes;
        while (rest.length > 0 && !this.ended) {
            if (!this.body) {
                rest = this.readHead(rest);
                continue;
            }
            rest = this.readBody(rest, onBody);
        }
    }
    /** The connection closed: the end of a body framed by it, or a response cut short. */
    close() {
        if (this.ended)
            return;
        if (!this.head)
            throw new ConnectionClosedError('socket hang up: the connection closed before an answer');
        if (this.body?.kind !== 'close') {
            throw new ConnectionClosedError('the connection closed before the end of the response body');
        }
        this.ended = true;
    }
    /** Takes head bytes; returns what follows the head (or nothing, when the head is not complete yet). */
    readHead(bytes) {
        const searchFrom = Math.max(0, this.pendingHead.length - 3);
        const joined = this.pendingHead.length ? Buffer.concat([this.pendingHead, bytes]) : bytes;
        const end = joined.indexOf('\r\n\r\n', searchFrom);
        if (end < 0) {
            if (joined.length > MaxHeadBytes)
                throw new Error(`The response head is larger than ${MaxHeadBytes} bytes.`);
            // Kept as a copy: `bytes` may be a buffer that is read into again.
            this.pendingHead = Buffer.from(joined);
            return Buffer.alloc(0);
        }
        this.pendingHead = Buffer.alloc(0);
        const head = parseHead(joined.subarray(0, end).toString('latin1'));
        const rest = joined.subarray(end + 4);
        // 1xx answers (100 Continue, 103 Early Hints) come before the real one.
        if (head.status < 200)
            return rest;
        this.head = head;
        this.body = framing(head);
        if (this.body.kind === 'length' && this.body.remaining === 0)
            this.ended = true;
        return rest;
    }
    readBody(bytes, onBody) {
        const body = this.body;
        if (body.kind === 'close') {
            onBody(bytes);
            return Buffer.alloc(0);
        }
        if (body.kind === 'length') {
            const part = bytes.subarray(0, body.remaining);
            body.remaining -= part.length;
            onBody(part);
            if (body.remaining === 0)
                this.ended = true;
            // Bytes after the body: the server said more than it framed; the connection is closed after it anyway.
            return Buffer.alloc(0);
        }
        if (body.state === 'data') {
            const part = bytes.subarray(0, body.remaining);
            body.remaining -= part.length;
            onBody(part);
            if (body.remaining === 0)
                body.state = 'data-end';
            return bytes.subarray(part.length);
        }
        const newline = bytes.indexOf(0x0a);
        const piece = bytes.subarray(0, newline < 0 ? MaxLineBytes + 1 : newline).toString('latin1');
        if (body.line.length + piece.length > MaxLineBytes)
            throw new Error('A chunk line is too long.');
        body.line += piece;
        if (newline < 0)
            return bytes.subarray(piece.length);
        const line = body.line.replace(/\r$/, '');
        body.line = '';
        this.chunkLine(body, line);
        return bytes.subarray(newline + 1);
    }
    /** One complete line of chunked framing: a chunk's size, the end of its data, or a trailer. */
    chunkLine(body, line) {
        if (body.state === 'data-end') {
            if (line !== '')
                throw new Error('A chunk is longer than its size says.');
            body.state = 'size';
            return;
        }
        if (body.state === 'trailer') {
            if (line === '')
                this.ended = true;
            return;
        }
        const size = line.split(';', 1)[0].trim();
        if (!/^[0-9a-fA-F]{1,12}$/.test(size))
            throw new Error(`A chunk size is not hexadecimal: ${JSON.stringify(line)}`);
        body.remaining = parseInt(size, 16);
        body.state = body.remaining === 0 ? 'trailer' : 'data';
    }
}
function parseHead(text) {
    const [statusLine = '', ...lines] = text.split('\r\n');
    const status = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(statusLine);
    if (!status)
        throw new Error(`Not an HTTP/1.1 status line: ${JSON.stringify(statusLine.slice(0, 100))}`);
    const headers = {};
    for (const line of lines) {
        const colon = line.indexOf(':');
        // Folded lines (RFC 9112 5.2) and nameless ones are refused, as node:http refuses them.
        if (colon <= 0 || /^[ \t]/.test(line))
            throw new Error(`Not an HTTP header line: ${JSON.stringify(line.slice(0, 100))}`);
        addHeader(headers, line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    return { status: Number(status[1]), headers };
}
/** The headers node:http keeps the first of when repeated; `set-cookie` is a list, the rest are joined. */
const FirstOnly = new Set([
    'age',
    'authorization',
    'content-length',
    'content-type',
    'etag',
    'expires',
    'from',
    'host',
    'if-modified-since',
    'if-unmodified-since',
    'last-modified',
    'location',
    'max-forwards',
    'proxy-authorization',
    'referer',
    'retry-after',
    'server',
    'user-agent',
]);
function addHeader(headers, name, value) {
    const present = headers[name];
    if (name === 'content-length' && present !== undefined && present !== value) {
        // Two lengths are how responses get smuggled; node:http refuses them too.
        throw new Error(`The response has two Content-Length headers (${String(present)} and ${value}).`);
    }
    if (name === 'set-cookie')
        headers[name] = [...(headers[name] ?? []), value];
    else if (present === undefined)
        headers[name] = value;
    else if (!FirstOnly.has(name))
        headers[name] = `${String(present)}, ${value}`;
}
function framing(head) {
    const { status, headers } = head;
    if (status === 204 || status === 304)
        return { kind: 'length', remaining: 0 };
    const codings = headers['transfer-encoding'];
    if (codings !== undefined) {
        const last = String(codings).split(',').pop().trim().toLowerCase();
        return last === 'chunked' ? { kind: 'chunked', state: 'size', remaining: 0, line: '' } : { kind: 'close' };
    }
    const length = headers['content-length'];
    if (length === undefined)
        return { kind: 'close' };
    if (!/^\d{1,15}$/.test(length))
        throw new Error(`The response's Content-Length is not a number: ${length}`);
    return { kind: 'length', remaining: Number(length) };
}

;// CONCATENATED MODULE: ./src/registry/wire.ts




function canLend(value) {
    return typeof value?.lend === 'function';
}
/** TLS options that trust `ca` besides the default store (which NODE_EXTRA_CA_CERTS extends), if given. */
function trusting(ca) {
    return ca ? { ca: [...(external_node_tls_default()).rootCertificates, ca] } : {};
}
/**
 * Read buffers (slabs) per connection, and their size: one is written on while the other is read into, 2 MiB
 * per download, reused for all of it. Measured on the copy bench: reads of up to 1 MiB cost less CPU per byte
 * than 256 KiB ones (0.40 s of user time against 0.48 s), 4 MiB ones more again; a third and fourth slab made
 * the copy no faster and 4 MiB larger.
 */
const PoolBuffers = 2;
const BufferBytes = 1024 * 1024;
/** A slab with less room than this left takes no more reads (TLS hands over 16 KiB per read). */
const MinReadBytes = 64 * 1024;
/**
 * The end of each slab is kept back for the read that may come while every slab is out: node asks where the
 * next read goes right after each one, before any slab can come back, and TLS may deliver a record or two
 * after reading was stopped.
 */
const ReserveBytes = 64 * 1024;
/**
 * The read buffers of one connection. Each read goes into the unused part of the current slab, so the many
 * small reads of TLS share one; a slab with less than MinReadBytes of room is set aside, and is free again
 * once every read into it has been released.
 */
class Slabs {
    freed;
    current = newSlab();
    free = [];
    /** Slabs not free: the current one, and those set aside with reads still out. */
    busy = 1;
    constructor(freed) {
        this.freed = freed;
    }
    /** Where the next read goes (node's `onread` asks after every read). */
    next() {
        const { current } = this;
        if (room(current) >= MinReadBytes)
            return current.bytes.subarray(current.filled, -ReserveBytes);
        const fresh = this.free.pop() ?? (this.busy < PoolBuffers ? newSlab() : undefined);
        // Every slab is out, so reading stops (`exhausted`): what still comes goes into the reserve.
        if (!fresh && current.filled < current.bytes.length)
            return current.bytes.subarray(current.filled);
        this.current = fresh ?? newSlab();
        this.busy++;
        if (current.out === 0)
            this.makeFree(current);
        return this.current.bytes.subarray(0, -ReserveBytes);
    }
    /** Notes `bytes` read into the current slab and lends that read out: the function releases it (once). */
    lendRead(bytes) {
        const slab = this.current;
        slab.filled += bytes;
        slab.out++;
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            if (--slab.out === 0 && slab !== this.current)
                this.makeFree(slab);
        };
    }
    /** Whether reading must wait for a slab to come back: the current one is full, and no other is free. */
    get exhausted() {
        return room(this.current) < MinReadBytes && this.free.length === 0 && this.busy >= PoolBuffers;
    }
    makeFree(slab) {
        slab.filled = 0;
        this.free.push(slab);
        this.busy--;
        // Not at once: `next` runs inside node's read, which stops the socket after it when the read said so, and a
        // resume from in there would be undone.
        process.nextTick(this.freed);
    }
}
/** What a slab can still take, its reserve not counted. */
function room(slab) {
    return slab.bytes.length - ReserveBytes - slab.filled;
}
function newSlab() {
    return { bytes: Buffer.allocUnsafe(BufferBytes), filled: 0, out: 0 };
}
/**
 * One GET on a connection of its own, read without node:http: node reads every socket chunk into a fresh
 * buffer and its HTTP parser copies each body chunk into another, which for a blob of hundreds of MiB is
 * most of a copy's CPU (allocation, page faults, collection). Here the socket reads into a few buffers that
 * are used again and again (`onread`), and the body is handed out either as lent chunks (`LentBody`, for a
 * consumer that writes them on, as a blob copy does) or, to any other reader, as an ordinary stream of copies.
 * The request says `Connection: close`; the body is framed by Content-Length, chunked encoding, or the close.
 */
async function wireGet(url, headers, options) {
    const head = requestHead(url, headers);
    return new Promise((resolve, reject) => {
        const body = new WireBody(url, options, {
            answered: (status, responseHeaders) => resolve({ status, headers: responseHeaders, body }),
            failed: reject,
        });
        body.send(head);
    });
}
function requestHead(url, headers) {
    const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`];
    for (const [name, value] of Object.entries(headers)) {
        if (/^(host|connection)$/i.test(name))
            continue;
        if (/[\r\n]/.test(name) || /[\r\n]/.test(value))
            throw new Error(`Header ${name} holds a line break`);
        lines.push(`${name}: ${value}`);
    }
    lines.push('Connection: close', '', '');
    return lines.join('\r\n');
}
/** The response body of a `wireGet`, and the connection it comes on. */
class WireBody extends external_node_stream_namespaceObject.Readable {
    socket;
    parser = new ResponseParser();
    slabs = new Slabs(() => {
        if (this.mode === 'lend' && !this.finished)
            this.resumeSocket();
    });
    mode = 'undecided';
    /** Reads made before the reader chose how to read. */
    waiting = [];
    paused = false;
    finished = false;
    /** The first failure has been reported; what the connection does after it is of no interest. */
    failed = false;
    taker;
    done;
    /** Who waits for the answer's head, until it has it (or the failure that came instead). */
    waiter;
    constructor(url, options, waiter) {
        super({ highWaterMark: 256 * 1024 });
        this.waiter = waiter;
        const onread = { buffer: () => this.slabs.next(), callback: this.onRead };
        const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
        const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
        this.socket =
            url.protocol === 'https:'
                ? external_node_tls_default().connect({
                    host,
                    port,
                    servername: external_node_net_default().isIP(host) ? undefined : host,
                    ALPNProtocols: ['http/1.1'],
                    // tls.connect takes `onread` as net.connect does (Node 15); @types/node does not list it.
                    ...{ onread },
                    ...trusting(options.ca),
                })
                : external_node_net_default().connect({ host, port, onread });
        this.socket.setTimeout(options.timeoutMs, () => this.fail(options.timeoutError()));
        this.socket.on('error', error => this.fail(error));
        this.socket.on('close', () => this.connectionClosed());
        this.socket.on('end', () => this.connectionClosed());
    }
    send(head) {
        this.socket.write(head);
    }
    lend(take, done) {
        if (this.mode !== 'undecided')
            throw new Error('This body is being read already.');
        if (this.destroyed) {
            // It failed (or was stopped) before anyone read it: the lender hears so, as it would have later.
            const error = this.errored ?? new Error('The download was stopped before it was read.');
            return void process.nextTick(done, error);
        }
        this.mode = 'lend';
        this.taker = take;
        this.done = done;
        // Errors reach the lender through `done`; the stream's 'error' is for those who listen besides.
        this.on('error', () => { });
        this.flushWaiting();
        if (this.finished)
            return this.endLending();
        if (!this.slabs.exhausted)
            this.resumeSocket();
    }
    _read() {
        if (this.mode === 'lend')
            return;
        this.mode = 'copy';
        this.flushWaiting();
        if (this.finished)
            this.push(null);
        else
            this.resumeSocket();
    }
    _destroy(error, callback) {
        this.socket.destroy();
        if (this.mode === 'lend')
            this.endLending(error ?? new Error('The download was stopped.'));
        callback(error);
    }
    onRead = (bytes, buffer) => {
        if (this.destroyed || this.finished)
            return false;
        const release = this.slabs.lendRead(bytes);
        const parts = [];
        try {
            this.parser.feed(buffer.subarray(0, bytes), part => parts.push(part));
        }
        catch (error) {
            this.fail(error);
            return false;
        }
        if (this.parser.head && this.waiter) {
            const { answered } = this.waiter;
            this.waiter = undefined;
            answered(this.parser.head.status, this.parser.head.headers);
        }
        this.deliver({ parts, release });
        if (this.parser.ended)
            this.finish();
        if (this.mode === 'lend' && this.slabs.exhausted)
            this.paused = true;
        return !this.paused;
    };
    /** Hands a read's parts on as the reader reads; before it has chosen, keeps them (and stops reading). */
    deliver(read) {
        if (read.parts.length === 0)
            return read.release();
        if (this.mode === 'undecided') {
            this.waiting.push(read);
            this.paused = true;
            return;
        }
        if (this.mode === 'copy') {
            let more = true;
            for (const part of read.parts)
                more = this.push(Buffer.from(part));
            read.release();
            if (!more)
                this.paused = true;
            return;
        }
        this.lendRead(read);
    }
    lendRead({ parts, release }) {
        let unreleased = parts.length;
        for (const part of parts) {
            let released = false;
            this.taker(part, () => {
                if (released)
                    return;
                released = true;
                if (--unreleased === 0)
                    release();
            });
        }
    }
    flushWaiting() {
        for (const read of this.waiting.splice(0))
            this.deliver(read);
    }
    resumeSocket() {
        if (!this.paused)
            return;
        this.paused = false;
        this.socket.resume();
    }
    /** The body is complete: the connection is done with (it was asked to close). */
    finish() {
        this.finished = true;
        this.socket.destroy();
        if (this.mode === 'copy' && this.waiting.length === 0)
            this.push(null);
        if (this.mode === 'lend' && this.waiting.length === 0)
            this.endLending();
    }
    connectionClosed() {
        if (this.finished || this.failed || this.destroyed)
            return;
        try {
            this.parser.close();
        }
        catch (error) {
            return this.fail(error);
        }
        // A body that runs to the close (neither length nor chunks) ends with it.
        this.finish();
    }
    fail(error) {
        // Once the body is complete, or has failed, the connection's fate no longer matters.
        if (this.finished || this.failed)
            return;
        this.failed = true;
        this.socket.destroy();
        if (this.waiter) {
            const { failed } = this.waiter;
            this.waiter = undefined;
            return failed(error);
        }
        if (!this.destroyed)
            this.destroy(error);
    }
    endLending(error) {
        const done = this.done;
        if (!done)
            return;
        this.done = undefined;
        done(error);
        if (!error && !this.destroyed)
            this.destroy();
    }
}

;// CONCATENATED MODULE: ./src/registry/http.ts




/** A request that saw no traffic for its timeout; `code` makes the retry policy treat it as transient. */
class HttpTimeoutError extends Error {
    code = 'ETIMEDOUT';
    constructor(method, url, timeoutMs) {
        super(`${method} ${url.host}${url.pathname} timed out: no data for ${timeoutMs / 1000} s`);
        this.name = 'HttpTimeoutError';
    }
}
const RedirectStatuses = new Set([301, 302, 303, 307, 308]);
/**
 * A transport over node:http and node:https with one keep-alive agent per protocol. Redirects are followed by
 * hand so that `Authorization` never reaches another origin: registries redirect blob GETs to object storage,
 * whose presigned URLs must not (and need not) see the registry's credentials.
 */
function createHttpTransport(options = {}) {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const { ca } = options;
    const agents = {
        'http:': new (external_node_http_default()).Agent({ keepAlive: true }),
        'https:': new (external_node_https_default()).Agent({ keepAlive: true, ...trusting(ca) }),
    };
    return {
        request: (method, url, headers, body, requestOptions = {}) => request({ agents, ca }, { method, url, headers, body }, {
            follow: requestOptions.followRedirects !== false,
            timeoutMs: requestOptions.timeoutMs ?? timeoutMs,
            bulk: requestOptions.bulk === true,
        }),
        close() {
            agents['http:'].destroy();
            agents['https:'].destroy();
        },
    };
}
/** Redirects followed per request before giving up. */
const MaxRedirects = 5;
async function request(connections, first, sending) {
    const redirects = [];
    let current = first;
    for (;;) {
        const response = await answer(connections, current, sending);
        const location = response.headers.location;
        if (!sending.follow || !RedirectStatuses.has(response.status) || !location) {
            return { ...response, url: current.url, redirects };
        }
        await discard(response.body);
        if (redirects.length >= MaxRedirects) {
            throw new Error(`${first.method} ${first.url.host}${first.url.pathname}: more than ${MaxRedirects} redirects (last to ${redactedUrl(first.url, current.url)})`);
        }
        redirects.push({ url: current.url, status: response.status });
        current = redirected(current, response.status, new URL(location, current.url));
    }
}
/** The request a redirect asks for: credentials dropped across origins, and the method browsers and curl use. */
function redirected(current, status, next) {
    const headers = { ...current.headers };
    if (next.origin !== current.url.origin) {
        // The one rule registries depend on: credentials stay with the host they were meant for.
        for (const name of Object.keys(headers)) {
            if (name.toLowerCase() === 'authorization')
                delete headers[name];
        }
    }
    // 303, and 301/302 for anything but GET/HEAD, turn into a body-less GET as browsers and curl do.
    const keepsMethod = status === 307 || status === 308 || current.method === 'GET' || current.method === 'HEAD';
    if (keepsMethod && status !== 303)
        return { ...current, url: next, headers };
    for (const name of Object.keys(headers)) {
        if (/^content-(length|type)$/i.test(name))
            delete headers[name];
    }
    return { method: current.method === 'HEAD' ? 'HEAD' : 'GET', url: next, headers, body: undefined };
}
/** One hop's answer: a bulk GET over wire.ts, anything else over node:http. */
async function answer(connections, hop, sending) {
    const { method, url, headers, body } = hop;
    const agent = connections.agents[url.protocol];
    if (!agent)
        throw new Error(`${method} ${url.origin}: unsupported protocol ${url.protocol}`);
    const timeoutError = () => new HttpTimeoutError(method, url, sending.timeoutMs);
    if (sending.bulk && method === 'GET' && body === undefined) {
        return wireGet(url, headers, { timeoutMs: sending.timeoutMs, timeoutError, ca: connections.ca });
    }
    const response = await exchange(agent, hop, sending.timeoutMs);
    return { status: response.statusCode, headers: response.headers, body: response };
}
async function exchange(agent, hop, timeout) {
    const { method, url, headers, body } = hop;
    const source = typeof body === 'function' ? await body() : undefined;
    const client = url.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default());
    return new Promise((resolve, reject) => {
        let response;
        /** The server answered before the body was all sent; the body's end no longer matters. */
        let answeredEarly = false;
        const req = client.request(url, { method, headers, agent });
        const fail = (error) => {
            source?.destroy();
            if (response)
                response.destroy(error);
            else
                reject(error);
        };
        req.setTimeout(timeout, () => {
            const error = new HttpTimeoutError(method, url, timeout);
            fail(error);
            req.destroy(error);
        });
        req.on('error', fail);
        req.on('response', res => {
            response = res;
            if (source && !req.writableFinished) {
                // The server answered before taking the whole body (e.g. 401 to a PUT): stop sending, and don't let
                // a half-written request go back into the pool.
                answeredEarly = true;
                if (!canLend(source))
                    source.unpipe(req);
                source.destroy();
                res.once('end', () => req.destroy());
            }
            resolve(res);
        });
        // A body that fails fails the request, unless the server has answered already (its answer is the news).
        const sourceFailed = (error) => {
            if (answeredEarly)
                return;
            req.destroy(error);
            fail(error);
        };
        if (source)
            feed(source, req, sourceFailed);
        else
            req.end(body);
    });
}
/** Writes a streamed body: lent chunks one write each, released once written; a stream piped. */
function feed(source, req, failed) {
    if (canLend(source)) {
        source.lend((chunk, release) => req.write(chunk, () => release()), error => (error ? failed(error) : req.end()));
        return;
    }
    source.once('error', failed);
    // Every byte of a streamed body passes here once, whichever source it was read from.
    source.on('data', (chunk) => noteStreamed(chunk.length));
    source.pipe(req);
}
/** Reads the whole body, refusing more than `maxBytes` (by Content-Length up front, or while reading). */
async function readBody(response, maxBytes, what) {
    const tooLarge = (size) => new Error(`${what} is larger than ${maxBytes} bytes (${size}); refusing to read it.`);
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
        response.body.destroy();
        throw tooLarge(`${declared} bytes`);
    }
    return collectAtMost(response.body, maxBytes, length => tooLarge(`at least ${length} bytes`));
}
/**
 * Collects a stream's bytes, refusing more than `maxBytes`: once past it, throws `tooLarge(bytes read so far)`,
 * and leaving the loop destroys the stream.
 */
async function collectAtMost(stream, maxBytes, tooLarge) {
    const chunks = [];
    let length = 0;
    for await (const chunk of stream) {
        length += chunk.length;
        if (length > maxBytes)
            throw tooLarge(length);
        chunks.push(chunk);
    }
    return Buffer.concat(chunks, length);
}
/**
 * Reads and drops the body; resolves once it has ended, when the keep-alive connection is back in the pool
 * for the next request (rather than a second connection being opened beside it).
 */
function discardBody(response) {
    return discard(response.body);
}
function discard(message) {
    const done = settled(message);
    message.resume();
    return done;
}
/** Resolves once a message has been read to its end, dropped, or has failed (never rejects). */
function settled(message) {
    return new Promise(resolve => {
        if (message.readableEnded || message.destroyed)
            return resolve();
        message.once('end', resolve);
        message.once('close', resolve);
        message.on('error', () => resolve());
    });
}
/**
 * A URL fit for logs and request events: hosts other than `trusted`'s keep no query, because object storage
 * puts its signatures (bearer credentials for a few minutes) there.
 */
function redactedUrl(trusted, url) {
    if (url.origin === trusted.origin || !url.search)
        return url.href;
    return `${url.origin}${url.pathname}?…`;
}

;// CONCATENATED MODULE: ./src/transfer/source.ts

/** Reads a whole blob, refusing more than `maxBytes` (configs are small; anything bigger is not a config). */
async function readBlob(source, descriptor, maxBytes) {
    if (descriptor.size > maxBytes) {
        throw new Error(`${source.name}: blob ${descriptor.digest} is ${descriptor.size} bytes, more than the ${maxBytes} expected.`);
    }
    return collectAtMost(await source.openBlob(descriptor), maxBytes, () => new Error(`${source.name}: blob ${descriptor.digest} is larger than ${maxBytes} bytes.`));
}

;// CONCATENATED MODULE: ./src/transfer/inspect.ts





/**
 * Reads what a descriptor points at and learns its platform from the image config, the only thing a client
 * trusts. A one-platform index (buildx with provenance) is flattened. `expected`, when given, must match.
 */
async function inspectImage(source, descriptor, where, expected) {
    const bytes = await source.readManifest(descriptor);
    let image = descriptor;
    let attestations = [];
    if (isIndexMediaType(descriptor.mediaType)) {
        const index = parseIndex(bytes, descriptor.mediaType, where);
        ({ image, attestations } = flattenIndex(index, where));
    }
    const manifest = parseImageManifest(image === descriptor ? bytes : await source.readManifest(image), image.mediaType, `${where} (manifest ${image.digest})`);
    const config = await readBlob(source, manifest.config, MaxManifestBytes);
    const platform = parseConfigPlatform(config, `${where} (config ${manifest.config.digest})`);
    if (image.platform && !samePlatform(image.platform, platform)) {
        throw new Error(`${where}: the index says ${formatPlatform(image.platform)} but the image config says ${formatPlatform(platform)}; clients would run the wrong image.`);
    }
    if (expected && !samePlatform(expected, platform)) {
        throw new Error(`${where} is an image for ${formatPlatform(platform)}, expected ${formatPlatform(expected)}.`);
    }
    return { platform, image: { ...image, platform }, attestations, bytes };
}

;// CONCATENATED MODULE: ./src/registry/content.ts



/**
 * The digest of `bytes`, checked against `expected` in its own algorithm when there is one: a registry or
 * proxy that hands back other bytes than asked for is caught here, not three steps later.
 */
function checkDigest(bytes, expected, name, who) {
    if (!expected || !isDigest(expected))
        return sha256Digest(bytes);
    const algorithm = expected.slice(0, expected.indexOf(':'));
    const actual = digestOf(bytes, algorithm);
    if (actual !== expected) {
        throw new Error(`${who} gave bytes for ${name} whose digest is ${actual}, not ${expected}.`);
    }
    return algorithm === 'sha256' ? actual : sha256Digest(bytes);
}
/**
 * Counts and hashes chunks as they pass, and says what is wrong: more bytes than promised, or (once the last
 * byte is in, at the end when the size is not known) a digest that is not the promised one.
 */
function contentCheck({ digest, size, what, progress }) {
    const hash = hasherFor(digest);
    let length = 0;
    let checked = false;
    const mismatch = () => {
        checked = true;
        const actual = hash.digest();
        return actual === digest
            ? undefined
            : new Error(`${what} has digest ${actual}: the content is not what was asked for.`);
    };
    return {
        take(chunk) {
            // Nothing to count or hash, and the hash may be finished already (an empty chunk after the last).
            if (chunk.length === 0)
                return undefined;
            length += chunk.length;
            if (size !== undefined && length > size) {
                return new Error(`${what} has more than the ${size} bytes its descriptor says.`);
            }
            hash.update(chunk);
            progress?.(length);
            return length === size ? mismatch() : undefined;
        },
        finish() {
            if (size !== undefined && length !== size) {
                return new Error(`${what} has ${length} bytes, not the ${size} its descriptor says.`);
            }
            return checked ? undefined : mismatch();
        },
    };
}
/**
 * Passes bytes through, failing when their digest (or count, when known) is not what was promised. With the
 * size known, the last chunk is held until the digest is checked, so bytes that do not match never all arrive:
 * an upload they feed stays incomplete, and no registry can store them, whether it checks digests or not.
 */
function verifyingStream(promised) {
    const check = contentCheck(promised);
    return new external_node_stream_namespaceObject.Transform({
        transform(chunk, _encoding, callback) {
            const error = check.take(chunk);
            if (error)
                callback(error);
            else
                callback(null, chunk.length ? chunk : undefined);
        },
        flush(callback) {
            callback(check.finish());
        },
    });
}
/** `stream` read through a `verifyingStream`; an error of either ends the result, and ending it closes both. */
function verified(stream, digest, size, what, options = {}) {
    return (0,external_node_stream_namespaceObject.pipeline)(stream, verifyingStream({ digest, size, what, ...options }), () => { });
}
/**
 * `verified`, keeping a body that lends its chunks lending them (a blob read by wire.ts, on its way to an
 * upload): each chunk is checked before it is passed on, the last one against the digest.
 */
function verifiedBody(body, digest, size, what, options = {}) {
    if (!canLend(body))
        return verified(body, digest, size, what, options);
    const check = contentCheck({ digest, size, what, ...options });
    return {
        lend(take, done) {
            let over = false;
            const end = (error) => {
                if (over)
                    return;
                over = true;
                done(error);
            };
            body.lend((chunk, release) => {
                const error = over ? undefined : check.take(chunk);
                if (over || error) {
                    release();
                    if (error) {
                        end(error);
                        body.destroy(error);
                    }
                    return;
                }
                take(chunk, release);
            }, error => end(error ?? check.finish()));
        },
        destroy: error => body.destroy(error),
    };
}

;// CONCATENATED MODULE: ./src/transfer/oci-layout.ts






/**
 * The manifest descriptors an OCI image layout's index.json lists (image-spec "image-layout"): one per image
 * that buildah or podman pushed into it.
 */
async function readLayoutIndex(dir) {
    const file = (0,external_node_path_namespaceObject.join)(dir, 'index.json');
    let index;
    try {
        index = JSON.parse(await (0,promises_namespaceObject.readFile)(file, 'utf8'));
    }
    catch (error) {
        throw new Error(`${dir} is not an OCI image layout: cannot read index.json (${error.message})`);
    }
    const manifests = index?.manifests;
    if (!Array.isArray(manifests))
        throw new Error(`${file} has no 'manifests' list`);
    return manifests.map((value, i) => {
        const m = value;
        if (typeof m?.mediaType !== 'string' ||
            typeof m.digest !== 'string' ||
            !isDigest(m.digest) ||
            !Number.isSafeInteger(m.size) ||
            m.size < 0) {
            throw new Error(`${file}: manifests[${i}] is not a descriptor with mediaType, digest and size`);
        }
        return m;
    });
}
/**
 * Reads manifests and blobs from an OCI image layout (`blobs/<algorithm>/<encoded>`). Only well-formed digests
 * of known algorithms become paths, so a descriptor cannot point outside the layout.
 */
function layoutSource(dir) {
    const name = `oci-layout:${dir}`;
    const blobPath = async (descriptor, maxBytes) => {
        if (!isDigest(descriptor.digest))
            throw new Error(`${name}: '${descriptor.digest}' is not a digest`);
        const [algorithm, encoded] = descriptor.digest.split(':');
        const path = (0,external_node_path_namespaceObject.join)(dir, 'blobs', algorithm, encoded);
        const info = await (0,promises_namespaceObject.stat)(path).catch(() => undefined);
        if (!info?.isFile())
            throw new Error(`${name} has no blob ${descriptor.digest}`);
        if (info.size !== descriptor.size) {
            throw new Error(`${name}: blob ${descriptor.digest} is ${info.size} bytes, its descriptor says ${descriptor.size}`);
        }
        if (info.size > maxBytes)
            throw new Error(`${name}: manifest ${descriptor.digest} is larger than ${maxBytes} bytes`);
        return path;
    };
    return {
        name,
        async readManifest(descriptor) {
            const bytes = await (0,promises_namespaceObject.readFile)(await blobPath(descriptor, MaxManifestBytes));
            const algorithm = descriptor.digest.slice(0, descriptor.digest.indexOf(':'));
            if (digestOf(bytes, algorithm) !== descriptor.digest) {
                throw new Error(`${name}: manifest ${descriptor.digest} does not match its digest; the layout is corrupt`);
            }
            return bytes;
        },
        async openBlob(descriptor, { checked = true } = {}) {
            const file = (0,external_node_fs_namespaceObject.createReadStream)(await blobPath(descriptor, Number.MAX_SAFE_INTEGER));
            if (!checked)
                return file;
            return verified(file, descriptor.digest, descriptor.size, `${name}: blob ${descriptor.digest}`);
        },
    };
}

;// CONCATENATED MODULE: ./src/transfer/registry-source.ts



/** Blobs up to this size (image configs, attestation statements) are kept once read; layers stream through. */
const KeptBlobBytes = 256 * 1024;
/** What a step keeps of such blobs at most, however many platforms it merges. */
const KeptBlobsTotalBytes = 16 * 1024 * 1024;
/**
 * What a step has read from registries, by repository and digest. Content is named by its digest and was
 * checked against it when read, so a second reader gets the same bytes without asking again: a merge reads
 * each manifest and each config once, whether to resolve a `digests` entry, to check a platform or to copy.
 */
class RegistryReads {
    manifests = new Map();
    /** The manifests whose read has finished: what the registry answered, for a check that must not wait. */
    answered = new Map();
    blobs = new Map();
    keptBlobBytes = 0;
    /** The manifest `digest` as `repository` answered it in this step (its descriptor and bytes), if it was read. */
    manifest(repository, digest) {
        return this.answered.get(key(repository, digest));
    }
    /** Keeps a manifest read from `repository` by other means (by tag), under the digest its bytes were checked against. */
    keepManifest(repository, manifest) {
        const name = key(repository, manifest.descriptor.digest);
        this.answered.set(name, manifest);
        this.manifests.set(name, Promise.resolve(manifest));
    }
    /** The manifest `digest` of `repository`, read by `read` the first time it is asked for (see `shared`). */
    async readManifest(repository, digest, read) {
        const name = key(repository, digest);
        const manifest = await shared(this.manifests, name, read);
        this.answered.set(name, manifest);
        return manifest;
    }
    /**
     * A small blob of `repository`, read whole by `read` the first time it is asked for (see `shared`). Past
     * `KeptBlobsTotalBytes` in all, blobs are read each time rather than kept.
     */
    blob(repository, digest, size, read) {
        const name = key(repository, digest);
        const known = this.blobs.get(name);
        if (known)
            return known;
        if (this.keptBlobBytes + size > KeptBlobsTotalBytes)
            return read();
        this.keptBlobBytes += size;
        // Counted back once, by the one read, when it fails (and is forgotten).
        const counted = () => read().catch((error) => {
            this.keptBlobBytes -= size;
            throw error;
        });
        return shared(this.blobs, name, counted);
    }
}
/**
 * What `read` gives, kept in `kept` under `name`: readers that ask while it is on its way share that read, later
 * ones get its result, and a failed read is forgotten so that a retry reads again.
 */
function shared(kept, name, read) {
    const known = kept.get(name);
    if (known)
        return known;
    const reading = read().catch((error) => {
        kept.delete(name);
        throw error;
    });
    kept.set(name, reading);
    return reading;
}
const key = (repository, digest) => `${formatRepository(repository)}@${digest}`;
/**
 * A repository on a registry as a content source. Manifests are fetched by digest, so the client checks the
 * bytes against it; the `repository` lets a copy within the same registry mount blobs instead of moving them.
 * With `reads` shared between sources, what one has read the others do not read again.
 */
function registrySource(client, repository, reads = new RegistryReads()) {
    return {
        name: formatRepository(repository),
        repository,
        async readManifest(descriptor) {
            const { digest } = descriptor;
            const manifest = await reads.readManifest(repository, digest, () => client.getManifest(repository, digest));
            return manifest.bytes;
        },
        async openBlob(descriptor, options) {
            if (descriptor.size > KeptBlobBytes) {
                return client.getBlob(repository, descriptor.digest, { ...options, size: descriptor.size });
            }
            const tooLarge = () => new Error(`Blob ${descriptor.digest} from ${formatRepository(repository)} has more than the ${descriptor.size} bytes its descriptor says.`);
            // Read to its end, so the client's digest check has passed before the bytes are kept.
            const bytes = await reads.blob(repository, descriptor.digest, descriptor.size, async () => collectAtMost(await client.getBlob(repository, descriptor.digest), descriptor.size, tooLarge));
            // Kept bytes are shared between readers, so they were checked whatever this reader asked.
            return external_node_stream_namespaceObject.Readable.from([bytes]);
        },
    };
}

;// CONCATENATED MODULE: ./src/builders/build-step.ts










/**
 * Builds one platform, pushes it to every image by digest (no tag moves), checks the pushed image's config
 * declares the platform asked for, and hands a digest record to the merge step.
 */
async function runBuild(settings, context) {
    const { logger, group } = context;
    if (!samePlatform(settings.platform, settings.runnerPlatform)) {
        logger.warning(`Building ${formatPlatform(settings.platform)} on a ${formatPlatform(settings.runnerPlatform)} runner means CPU emulation, ` +
            `typically 4-20x slower. Run this leg on a native ${settings.platform.architecture} runner (e.g. ubuntu-24.04-arm for arm64).`);
    }
    const builder = await context.selectBuilder(settings.builder);
    const ready = prepareUpload(settings, context.registry, builder);
    const output = await group(`Build ${formatPlatform(settings.platform)} with ${builder.name}`, () => builder.build({
        platform: settings.platform,
        context: settings.context,
        file: settings.file,
        target: settings.target,
        buildArgs: settings.buildArgs,
        labels: settings.labels,
        cacheFrom: settings.cacheFrom,
        cacheTo: settings.cacheTo,
        images: settings.images,
        fallbackTag: fallbackTag(settings),
        push: settings.push,
    }, logger));
    // A failed build is reported at once: the shell's closing of the client ends a preparation still going.
    await ready;
    if (output.kind === 'local') {
        logger.info(`Built ${formatPlatform(settings.platform)}; ${inputName(Input.Push)} is false, so nothing was pushed and no record written.`);
        return { platform: settings.platform, archRefs: [] };
    }
    try {
        return await group(`Push ${formatPlatform(settings.platform)} by digest`, () => pushAndRecord(settings, context, builder, output));
    }
    finally {
        // The exported layout has been uploaded (or failed to be); it is a copy of the whole image. The step ends
        // only once the builder's own clean-up has too, so no builder process outlives it.
        if (output.kind === 'layout')
            await Promise.all([(0,promises_namespaceObject.rm)(output.dir, { recursive: true, force: true }), output.cleanup]);
    }
}
/**
 * While the builder runs, each image's registry is asked for its auth scheme and push token, so the upload
 * after the build starts with them (on a registry a network away, a 401 and a token request fewer on its path).
 * buildx pushes itself, and a build that is not pushed uploads nothing.
 */
function prepareUpload(settings, registry, builder) {
    if (!settings.push || builder.name === 'buildx')
        return Promise.resolve();
    // prepare never fails; should it, the upload's own requests still meet and report the cause.
    return Promise.all(settings.images.map(image => registry.prepare(image, { push: true }))).catch(() => { });
}
async function pushAndRecord(settings, context, builder, output) {
    const { logger, registry } = context;
    const source = contentSource(output, registry);
    const pushed = await pushedDescriptor(output, registry);
    const where = `The ${builder.name} build of ${formatPlatform(settings.platform)}`;
    const inspected = await inspectImage(source, pushed, where, settings.platform);
    if (output.kind === 'layout')
        await uploadLayout(registry, source, pushed, settings.images, logger);
    const archRefs = await pushArchTags(registry, settings, pushed, inspected.bytes);
    const record = makeRecord({
        images: settings.images,
        platform: inspected.platform,
        pushed,
        manifests: [inspected.image, ...inspected.attestations],
        run: settings.run,
        builder: builder.name,
    });
    const recordLocation = await context.transport.put(record);
    const image = `${formatRepository(settings.images[0])}@${pushed.digest}`;
    logger.info(`Pushed ${formatPlatform(inspected.platform)} as ${pushed.digest} to ${settings.images.map(formatRepository).join(', ')}`);
    if (recordLocation)
        logger.info(`Digest record: ${recordLocation}`);
    else {
        logger.info(`No digest record was written: ${inputName(Input.DigestsPath)} is not set and this is not a GitHub Actions run. ` +
            `Give the merge this image in ${inputName(Input.Digests)}: ${image}`);
    }
    return { platform: inspected.platform, pushed, image, archRefs };
}
/**
 * Uploads the layout to the first image of each registry, then copies it from there to that registry's other
 * images: their blobs are mounted, not uploaded again (a blob the registry declines to mount is still read from
 * the layout). Registries are served in parallel.
 */
async function uploadLayout(registry, layout, pushed, images, logger) {
    const byRegistry = new Map();
    for (const image of images)
        byRegistry.set(image.registry, [...(byRegistry.get(image.registry) ?? []), image]);
    await Promise.all([...byRegistry.values()].map(async ([first, ...others]) => {
        await copyManifest(registry, layout, pushed, first, { logger });
        const mountable = { ...layout, repository: first };
        await Promise.all(others.map(image => copyManifest(registry, mountable, pushed, image, { logger })));
    }));
}
/** buildx's metadata file may lack the media type or size; the registry's HEAD supplies them. */
async function pushedDescriptor(output, registry) {
    const { manifest } = output;
    if (manifest.mediaType !== undefined && manifest.size !== undefined) {
        return { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.size };
    }
    const found = output.kind === 'pushed' ? await registry.headManifest(output.repository, manifest.digest) : undefined;
    if (!found)
        throw new Error(`The builder reported ${manifest.digest}, but the registry does not have it.`);
    return found;
}
function contentSource(output, registry) {
    return output.kind === 'layout' ? layoutSource(output.dir) : registrySource(registry, output.repository);
}
/** `1.4` + linux/arm/v7 becomes `1.4-armv7`: the suffixes per-arch tag conventions use. */
function archTag(tag, platform) {
    return `${tag}-${platform.architecture}${platform.variant ?? ''}`;
}
async function pushArchTags(registry, settings, pushed, bytes) {
    if (settings.archTags.length === 0)
        return [];
    const refs = [];
    for (const image of settings.images) {
        for (const tag of settings.archTags.map(t => archTag(t, settings.platform))) {
            await registry.putManifest(image, tag, bytes, pushed.mediaType);
            refs.push(`${formatRepository(image)}:${tag}`);
        }
    }
    return refs;
}
/** A tag for builders that cannot push by digest: unique per run, attempt and platform, and plainly temporary. */
function fallbackTag(settings) {
    const run = settings.run.id ? `${settings.run.id}-${settings.run.attempt}` : `local-${Date.now()}`;
    return `native-multiarch-tmp-${run}-${platformSlug(settings.platform)}`.slice(0, 128);
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(421);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "string_decoder"
const external_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");
;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");
;// CONCATENATED MODULE: external "events"
const external_events_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
;// CONCATENATED MODULE: external "assert"
const external_assert_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io-util.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat, symlink, unlink } = external_fs_namespaceObject.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        const result = yield fs.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = external_fs_namespaceObject.constants.O_RDONLY;
function exists(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return __awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return __awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = external_path_namespaceObject.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = external_path_namespaceObject.dirname(filePath);
                        const upperName = external_path_namespaceObject.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_namespaceObject.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io.js
var io_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield io_copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (ioUtil.IS_WINDOWS) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield ioUtil.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        ok(fsPath, 'a path argument must be provided');
        yield ioUtil.mkdir(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(external_path_namespaceObject.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(external_path_namespaceObject.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(external_path_namespaceObject.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_namespaceObject.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield io_copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function io_copyFile(srcFile, destFile, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var toolrunner_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const toolrunner_IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends external_events_namespaceObject.EventEmitter {
    constructor(toolPath, args, options) {
        super();
        if (!toolPath) {
            throw new Error("Parameter 'toolPath' cannot be null or empty.");
        }
        this.toolPath = toolPath;
        this.args = args || [];
        this.options = options || {};
    }
    _debug(message) {
        if (this.options.listeners && this.options.listeners.debug) {
            this.options.listeners.debug(message);
        }
    }
    _getCommandString(options, noPrefix) {
        const toolPath = this._getSpawnFileName();
        const args = this._getSpawnArgs(options);
        let cmd = noPrefix ? '' : '[command]'; // omit prefix when piped to a second tool
        if (toolrunner_IS_WINDOWS) {
            // Windows + cmd file
            if (this._isCmdFile()) {
                cmd += toolPath;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows + verbatim
            else if (options.windowsVerbatimArguments) {
                cmd += `"${toolPath}"`;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows (regular)
            else {
                cmd += this._windowsQuoteCmdArg(toolPath);
                for (const a of args) {
                    cmd += ` ${this._windowsQuoteCmdArg(a)}`;
                }
            }
        }
        else {
            // OSX/Linux - this can likely be improved with some form of quoting.
            // creating processes on Unix is fundamentally different than Windows.
            // on Unix, execvp() takes an arg array.
            cmd += toolPath;
            for (const a of args) {
                cmd += ` ${a}`;
            }
        }
        return cmd;
    }
    _processLineBuffer(data, strBuffer, onLine) {
        try {
            let s = strBuffer + data.toString();
            let n = s.indexOf(external_os_namespaceObject.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_namespaceObject.EOL.length);
                n = s.indexOf(external_os_namespaceObject.EOL);
            }
            return s;
        }
        catch (err) {
            // streaming lines to console is best effort.  Don't fail a build.
            this._debug(`error processing line. Failed with error ${err}`);
            return '';
        }
    }
    _getSpawnFileName() {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
                for (const a of this.args) {
                    argline += ' ';
                    argline += options.windowsVerbatimArguments
                        ? a
                        : this._windowsQuoteCmdArg(a);
                }
                argline += '"';
                return [argline];
            }
        }
        return this.args;
    }
    _endsWith(str, end) {
        return str.endsWith(end);
    }
    _isCmdFile() {
        const upperToolPath = this.toolPath.toUpperCase();
        return (this._endsWith(upperToolPath, '.CMD') ||
            this._endsWith(upperToolPath, '.BAT'));
    }
    _windowsQuoteCmdArg(arg) {
        // for .exe, apply the normal quoting rules that libuv applies
        if (!this._isCmdFile()) {
            return this._uvQuoteCmdArg(arg);
        }
        // otherwise apply quoting rules specific to the cmd.exe command line parser.
        // the libuv rules are generic and are not designed specifically for cmd.exe
        // command line parser.
        //
        // for a detailed description of the cmd.exe command line parser, refer to
        // http://stackoverflow.com/questions/4094699/how-does-the-windows-command-interpreter-cmd-exe-parse-scripts/7970912#7970912
        // need quotes for empty arg
        if (!arg) {
            return '""';
        }
        // determine whether the arg needs to be quoted
        const cmdSpecialChars = [
            ' ',
            '\t',
            '&',
            '(',
            ')',
            '[',
            ']',
            '{',
            '}',
            '^',
            '=',
            ';',
            '!',
            "'",
            '+',
            ',',
            '`',
            '~',
            '|',
            '<',
            '>',
            '"'
        ];
        let needsQuotes = false;
        for (const char of arg) {
            if (cmdSpecialChars.some(x => x === char)) {
                needsQuotes = true;
                break;
            }
        }
        // short-circuit if quotes not needed
        if (!needsQuotes) {
            return arg;
        }
        // the following quoting rules are very similar to the rules that by libuv applies.
        //
        // 1) wrap the string in quotes
        //
        // 2) double-up quotes - i.e. " => ""
        //
        //    this is different from the libuv quoting rules. libuv replaces " with \", which unfortunately
        //    doesn't work well with a cmd.exe command line.
        //
        //    note, replacing " with "" also works well if the arg is passed to a downstream .NET console app.
        //    for example, the command line:
        //          foo.exe "myarg:""my val"""
        //    is parsed by a .NET console app into an arg array:
        //          [ "myarg:\"my val\"" ]
        //    which is the same end result when applying libuv quoting rules. although the actual
        //    command line from libuv quoting rules would look like:
        //          foo.exe "myarg:\"my val\""
        //
        // 3) double-up slashes that precede a quote,
        //    e.g.  hello \world    => "hello \world"
        //          hello\"world    => "hello\\""world"
        //          hello\\"world   => "hello\\\\""world"
        //          hello world\    => "hello world\\"
        //
        //    technically this is not required for a cmd.exe command line, or the batch argument parser.
        //    the reasons for including this as a .cmd quoting rule are:
        //
        //    a) this is optimized for the scenario where the argument is passed from the .cmd file to an
        //       external program. many programs (e.g. .NET console apps) rely on the slash-doubling rule.
        //
        //    b) it's what we've been doing previously (by deferring to node default behavior) and we
        //       haven't heard any complaints about that aspect.
        //
        // note, a weakness of the quoting rules chosen here, is that % is not escaped. in fact, % cannot be
        // escaped when used on the command line directly - even though within a .cmd file % can be escaped
        // by using %%.
        //
        // the saving grace is, on the command line, %var% is left as-is if var is not defined. this contrasts
        // the line parsing rules within a .cmd file, where if var is not defined it is replaced with nothing.
        //
        // one option that was explored was replacing % with ^% - i.e. %var% => ^%var^%. this hack would
        // often work, since it is unlikely that var^ would exist, and the ^ character is removed when the
        // variable is used. the problem, however, is that ^ is not removed when %* is used to pass the args
        // to an external program.
        //
        // an unexplored potential solution for the % escaping problem, is to create a wrapper .cmd file.
        // % can be escaped within a .cmd file.
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\'; // double the slash
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '"'; // double the quote
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _uvQuoteCmdArg(arg) {
        // Tool runner wraps child_process.spawn() and needs to apply the same quoting as
        // Node in certain cases where the undocumented spawn option windowsVerbatimArguments
        // is used.
        //
        // Since this function is a port of quote_cmd_arg from Node 4.x (technically, lib UV,
        // see https://github.com/nodejs/node/blob/v4.x/deps/uv/src/win/process.c for details),
        // pasting copyright notice from Node within this function:
        //
        //      Copyright Joyent, Inc. and other Node contributors. All rights reserved.
        //
        //      Permission is hereby granted, free of charge, to any person obtaining a copy
        //      of this software and associated documentation files (the "Software"), to
        //      deal in the Software without restriction, including without limitation the
        //      rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
        //      sell copies of the Software, and to permit persons to whom the Software is
        //      furnished to do so, subject to the following conditions:
        //
        //      The above copyright notice and this permission notice shall be included in
        //      all copies or substantial portions of the Software.
        //
        //      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        //      IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        //      FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        //      AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        //      LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
        //      FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
        //      IN THE SOFTWARE.
        if (!arg) {
            // Need double quotation for empty argument
            return '""';
        }
        if (!arg.includes(' ') && !arg.includes('\t') && !arg.includes('"')) {
            // No quotation needed
            return arg;
        }
        if (!arg.includes('"') && !arg.includes('\\')) {
            // No embedded double quotes or backslashes, so I can just wrap
            // quote marks around the whole thing.
            return `"${arg}"`;
        }
        // Expected input/output:
        //   input : hello"world
        //   output: "hello\"world"
        //   input : hello""world
        //   output: "hello\"\"world"
        //   input : hello\world
        //   output: hello\world
        //   input : hello\\world
        //   output: hello\\world
        //   input : hello\"world
        //   output: "hello\\\"world"
        //   input : hello\\"world
        //   output: "hello\\\\\"world"
        //   input : hello world\
        //   output: "hello world\\" - note the comment in libuv actually reads "hello world\"
        //                             but it appears the comment is wrong, it should be "hello world\\"
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\';
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '\\';
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _cloneExecOptions(options) {
        options = options || {};
        const result = {
            cwd: options.cwd || process.cwd(),
            env: options.env || process.env,
            silent: options.silent || false,
            windowsVerbatimArguments: options.windowsVerbatimArguments || false,
            failOnStdErr: options.failOnStdErr || false,
            ignoreReturnCode: options.ignoreReturnCode || false,
            delay: options.delay || 10000
        };
        result.outStream = options.outStream || process.stdout;
        result.errStream = options.errStream || process.stderr;
        return result;
    }
    _getSpawnOptions(options, toolPath) {
        options = options || {};
        const result = {};
        result.cwd = options.cwd;
        result.env = options.env;
        result['windowsVerbatimArguments'] =
            options.windowsVerbatimArguments || this._isCmdFile();
        if (options.windowsVerbatimArguments) {
            result.argv0 = `"${toolPath}"`;
        }
        return result;
    }
    /**
     * Exec a tool.
     * Output will be streamed to the live console.
     * Returns promise with return code
     *
     * @param     tool     path to tool to exec
     * @param     options  optional exec options.  See ExecOptions
     * @returns   number
     */
    exec() {
        return toolrunner_awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!isRooted(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (toolrunner_IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_namespaceObject.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield which(this.toolPath, true);
            return new Promise((resolve, reject) => toolrunner_awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_namespaceObject.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield exists(this.options.cwd))) {
                    return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
                }
                const fileName = this._getSpawnFileName();
                const cp = external_child_process_namespaceObject.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
                let stdbuffer = '';
                if (cp.stdout) {
                    cp.stdout.on('data', (data) => {
                        if (this.options.listeners && this.options.listeners.stdout) {
                            this.options.listeners.stdout(data);
                        }
                        if (!optionsNonNull.silent && optionsNonNull.outStream) {
                            optionsNonNull.outStream.write(data);
                        }
                        stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.stdline) {
                                this.options.listeners.stdline(line);
                            }
                        });
                    });
                }
                let errbuffer = '';
                if (cp.stderr) {
                    cp.stderr.on('data', (data) => {
                        state.processStderr = true;
                        if (this.options.listeners && this.options.listeners.stderr) {
                            this.options.listeners.stderr(data);
                        }
                        if (!optionsNonNull.silent &&
                            optionsNonNull.errStream &&
                            optionsNonNull.outStream) {
                            const s = optionsNonNull.failOnStdErr
                                ? optionsNonNull.errStream
                                : optionsNonNull.outStream;
                            s.write(data);
                        }
                        errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.errline) {
                                this.options.listeners.errline(line);
                            }
                        });
                    });
                }
                cp.on('error', (err) => {
                    state.processError = err.message;
                    state.processExited = true;
                    state.processClosed = true;
                    state.CheckComplete();
                });
                cp.on('exit', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                cp.on('close', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    state.processClosed = true;
                    this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                state.on('done', (error, exitCode) => {
                    if (stdbuffer.length > 0) {
                        this.emit('stdline', stdbuffer);
                    }
                    if (errbuffer.length > 0) {
                        this.emit('errline', errbuffer);
                    }
                    cp.removeAllListeners();
                    if (error) {
                        reject(error);
                    }
                    else {
                        resolve(exitCode);
                    }
                });
                if (this.options.input) {
                    if (!cp.stdin) {
                        throw new Error('child process missing stdin');
                    }
                    cp.stdin.end(this.options.input);
                }
            }));
        });
    }
}
/**
 * Convert an arg string to an array of args. Handles escaping
 *
 * @param    argString   string of arguments
 * @returns  string[]    array of arguments
 */
function argStringToArray(argString) {
    const args = [];
    let inQuotes = false;
    let escaped = false;
    let arg = '';
    function append(c) {
        // we only escape double quotes.
        if (escaped && c !== '"') {
            arg += '\\';
        }
        arg += c;
        escaped = false;
    }
    for (let i = 0; i < argString.length; i++) {
        const c = argString.charAt(i);
        if (c === '"') {
            if (!escaped) {
                inQuotes = !inQuotes;
            }
            else {
                append(c);
            }
            continue;
        }
        if (c === '\\' && escaped) {
            append(c);
            continue;
        }
        if (c === '\\' && inQuotes) {
            escaped = true;
            continue;
        }
        if (c === ' ' && !inQuotes) {
            if (arg.length > 0) {
                args.push(arg);
                arg = '';
            }
            continue;
        }
        append(c);
    }
    if (arg.length > 0) {
        args.push(arg.trim());
    }
    return args;
}
class ExecState extends external_events_namespaceObject.EventEmitter {
    constructor(options, toolPath) {
        super();
        this.processClosed = false; // tracks whether the process has exited and stdio is closed
        this.processError = '';
        this.processExitCode = 0;
        this.processExited = false; // tracks whether the process has exited
        this.processStderr = false; // tracks whether stderr was written to
        this.delay = 10000; // 10 seconds
        this.done = false;
        this.timeout = null;
        if (!toolPath) {
            throw new Error('toolPath must not be empty');
        }
        this.options = options;
        this.toolPath = toolPath;
        if (options.delay) {
            this.delay = options.delay;
        }
    }
    CheckComplete() {
        if (this.done) {
            return;
        }
        if (this.processClosed) {
            this._setResult();
        }
        else if (this.processExited) {
            this.timeout = (0,external_timers_namespaceObject.setTimeout)(ExecState.HandleTimeout, this.delay, this);
        }
    }
    _debug(message) {
        this.emit('debug', message);
    }
    _setResult() {
        // determine whether there is an error
        let error;
        if (this.processExited) {
            if (this.processError) {
                error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
            }
            else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
                error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
            }
            else if (this.processStderr && this.options.failOnStdErr) {
                error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
            }
        }
        // clear the timeout
        if (this.timeout) {
            clearTimeout(this.timeout);
            this.timeout = null;
        }
        this.done = true;
        this.emit('done', error, this.processExitCode);
    }
    static HandleTimeout(state) {
        if (state.done) {
            return;
        }
        if (!state.processClosed && state.processExited) {
            const message = `The STDIO streams did not close within ${state.delay / 1000} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
            state._debug(message);
        }
        state._setResult();
    }
}
//# sourceMappingURL=toolrunner.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/exec.js
var exec_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


/**
 * Exec a command.
 * Output will be streamed to the live console.
 * Returns promise with return code
 *
 * @param     commandLine        command to execute (can include additional args). Must be correctly escaped.
 * @param     args               optional arguments for tool. Escaping is handled by the lib.
 * @param     options            optional exec options.  See ExecOptions
 * @returns   Promise<number>    exit code
 */
function exec(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        const commandArgs = argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new ToolRunner(toolPath, args, options);
        return runner.exec();
    });
}
/**
 * Exec a command and get the output.
 * Output will be streamed to the live console.
 * Returns promise with the exit code and collected stdout and stderr
 *
 * @param     commandLine           command to execute (can include additional args). Must be correctly escaped.
 * @param     args                  optional arguments for tool. Escaping is handled by the lib.
 * @param     options               optional exec options.  See ExecOptions
 * @returns   Promise<ExecOutput>   exit code, stdout, and stderr
 */
function getExecOutput(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        var _a, _b;
        let stdout = '';
        let stderr = '';
        //Using string decoder covers the case where a mult-byte character is split
        const stdoutDecoder = new external_string_decoder_namespaceObject.StringDecoder('utf8');
        const stderrDecoder = new external_string_decoder_namespaceObject.StringDecoder('utf8');
        const originalStdoutListener = (_a = options === null || options === void 0 ? void 0 : options.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
        const originalStdErrListener = (_b = options === null || options === void 0 ? void 0 : options.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
        const stdErrListener = (data) => {
            stderr += stderrDecoder.write(data);
            if (originalStdErrListener) {
                originalStdErrListener(data);
            }
        };
        const stdOutListener = (data) => {
            stdout += stdoutDecoder.write(data);
            if (originalStdoutListener) {
                originalStdoutListener(data);
            }
        };
        const listeners = Object.assign(Object.assign({}, options === null || options === void 0 ? void 0 : options.listeners), { stdout: stdOutListener, stderr: stdErrListener });
        const exitCode = yield exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
        //flush any remaining characters
        stdout += stdoutDecoder.end();
        stderr += stderrDecoder.end();
        return {
            exitCode,
            stdout,
            stderr
        };
    });
}
//# sourceMappingURL=exec.js.map
;// CONCATENATED MODULE: ./src/builders/command.ts








/** The environment a command runs in, without unset entries (which child processes cannot take). */
function commandEnv(options) {
    const env = {};
    for (const [key, value] of Object.entries(options.env ?? process.env))
        if (value !== undefined)
            env[key] = value;
    return env;
}
/** The directory temporary outputs go under. */
function tempRoot(options) {
    return options.tempDir ?? process.env.RUNNER_TEMP ?? (0,external_node_os_namespaceObject.tmpdir)();
}
/**
 * Runs a tool with an argument vector, never through a shell, so build-arg values such as `a;b $(x)` arrive as
 * data. Output streams to the job log unless silent. A non-zero exit throws an error naming the command and
 * quoting the end of what it wrote to stderr, which is where buildah, podman and buildx explain failures.
 */
async function runCommand(command, args, options) {
    const output = await getExecOutput(command, args, {
        env: commandEnv(options),
        silent: options.silent ?? false,
        ignoreReturnCode: true,
    });
    if (output.exitCode !== 0) {
        const detail = lastLines(output.stderr || output.stdout, 20);
        // `docker buildx build`, `podman push`: the subcommand words before the first flag.
        const firstFlag = args.findIndex(arg => arg.startsWith('-'));
        const name = [command, ...args.slice(0, firstFlag < 0 ? 2 : Math.min(firstFlag, 2))].join(' ');
        throw new Error(`'${name}' failed with exit code ${output.exitCode}${detail ? `:\n${detail}` : ''}`);
    }
    return { stdout: output.stdout, stderr: output.stderr };
}
/** The flags every builder takes alike: the platform, Dockerfile, target, build args and labels, each its own argument. */
function commonBuildFlags(request) {
    const args = ['--platform', formatPlatform(request.platform)];
    if (request.file)
        args.push('--file', request.file);
    if (request.target)
        args.push('--target', request.target);
    for (const buildArg of request.buildArgs)
        args.push('--build-arg', buildArg);
    for (const label of request.labels)
        args.push('--label', label);
    return args;
}
/**
 * Runs a short query command silently with a time limit, for detecting tools: a missing tool or an engine that
 * does not answer is an answer here, not an error. Not for builds: those stream their output through runCommand.
 */
function probeCommand(command, args, options, timeoutMs = 10_000) {
    return new Promise(resolve => {
        (0,external_node_child_process_.execFile)(command, args, { env: commandEnv(options), timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
            if (!error)
                return resolve({ ok: true, found: stdout });
            const code = error.code;
            const reason = code === 'ENOENT'
                ? `${command} is not on PATH`
                : error.killed
                    ? `no answer within ${timeoutMs / 1000} s`
                    : lastLines(stderr || stdout, 3) || error.message;
            resolve({ ok: false, reason });
        });
    });
}
/**
 * The first executable file named `command` in the directories of PATH (from the options' environment), as a
 * shell would find it; undefined when there is none. Finding buildah this way costs a few stat calls, where
 * running `buildah --version` started a Go program for ~60-100 ms of every build step.
 */
async function findOnPath(command, options) {
    const env = options.env ?? process.env;
    for (const dir of (env.PATH ?? '').split(external_node_path_namespaceObject.delimiter)) {
        if (!dir)
            continue;
        const candidate = (0,external_node_path_namespaceObject.join)(dir, command);
        const info = await (0,promises_namespaceObject.stat)(candidate).catch(() => undefined);
        if (!info?.isFile())
            continue;
        const executable = await (0,promises_namespaceObject.access)(candidate, promises_namespaceObject.constants.X_OK).then(() => true, () => false);
        if (executable)
            return candidate;
    }
    return undefined;
}
/** Throws unless the build context is an existing directory: the builders' own messages for this are cryptic. */
async function checkContext(context) {
    const info = await (0,promises_namespaceObject.stat)(context).catch(() => undefined);
    if (!info?.isDirectory()) {
        throw new Error(`Build context '${context}' ${info ? 'is not a directory' : 'does not exist'}. Set ${inputPhrase(Input.Context)} to the directory holding the files the Dockerfile copies.`);
    }
}
function lastLines(text, count) {
    return text.trim().split('\n').slice(-count).join('\n');
}

;// CONCATENATED MODULE: ./src/builders/buildah.ts







/**
 * buildah or podman: both take `build` with the same flags and write an OCI layout whose index.json gives the
 * manifest digest; the caller uploads the layout by digest, then deletes its directory. Without a layer cache
 * (buildah's default) the build commits straight into the layout. With one (podman's default, or
 * BUILDAH_LAYERS=true) that fails whenever the last step is a cache hit, so the image is built under a local
 * name unique to this build, exported with `push IMAGE oci:DIR`, and removed again while the caller uploads
 * (`cleanup`).
 */
function buildahBuilder(tool, options = {}) {
    return {
        name: tool,
        async build(request, logger) {
            await checkContext(request.context);
            const platform = formatPlatform(request.platform);
            if (request.push && !cachesLayers(tool, options)) {
                logger.info(`Building ${platform} with ${tool} into an OCI layout`);
                const layout = await inLayoutDir(tool, options, async (dir) => {
                    await runCommand(tool, buildArguments(request, `oci:${dir}`, LayoutFlags), options);
                });
                logger.info(`${tool} built ${layout.manifest.digest} for ${platform}`);
                return { kind: 'layout', ...layout };
            }
            const localName = `localhost/native-multiarch-build:${platformSlug(request.platform)}-${(0,external_node_crypto_namespaceObject.randomBytes)(6).toString('hex')}`;
            logger.info(`Building ${platform} with ${tool} as ${localName}`);
            await runCommand(tool, buildArguments(request, localName), options);
            // By name, so an image that another name shares (podman's layer cache can rebuild identical IDs) stays.
            const removeLocalImage = () => runCommand(tool, ['rmi', localName], { ...options, silent: true }).then(() => undefined, (error) => logger.warning(`Could not remove the local image ${localName}: ${error.message}`));
            if (!request.push) {
                await removeLocalImage();
                return { kind: 'local' };
            }
            const layout = await inLayoutDir(tool, options, dir => exportLayout(tool, localName, dir, options)).catch(async (error) => {
                await removeLocalImage();
                throw error;
            });
            logger.info(`${tool} built ${layout.manifest.digest} for ${platform}`);
            // The layout is a whole copy of the image: the local one goes while the step uploads the layout.
            return { kind: 'layout', ...layout, cleanup: removeLocalImage() };
        },
    };
}
/**
 * Committing to a layout leaves layers uncompressed unless asked (`build` defaults to `--disable-compression`);
 * registries and pulls expect gzip, as `push` writes by default.
 */
const LayoutFlags = ['--disable-compression=false'];
/**
 * Whether `build` keeps a layer cache in local storage, as each tool reads BUILDAH_LAYERS: buildah caches only
 * when it is `true` (any case) or `1`, podman unless it is `false` (any case) or `0`.
 */
function cachesLayers(tool, options) {
    const value = (options.env ?? process.env).BUILDAH_LAYERS ?? '';
    return tool === 'buildah' ? /^(1|true)$/i.test(value) : !/^(0|false)$/i.test(value);
}
/** A fresh layout directory that `write` fills, read back: the directory and the manifest it holds. */
async function inLayoutDir(tool, options, write) {
    const dir = await (0,promises_namespaceObject.mkdtemp)((0,external_node_path_namespaceObject.join)(tempRoot(options), 'native-multiarch-layout-'));
    try {
        // The oci: transport reads a ':' in the path as the start of an image name.
        if (dir.includes(':'))
            throw new Error(`Temporary directory ${dir} contains ':', which ${tool} cannot write a layout to`);
        await write(dir);
        return { dir, manifest: await layoutManifest(dir, tool) };
    }
    catch (error) {
        await (0,promises_namespaceObject.rm)(dir, { recursive: true, force: true });
        throw error;
    }
}
/**
 * `push IMAGE oci:DIR`, with an empty auth file: a local layout needs no credentials, and buildah and podman
 * refuse to push at all when DOCKER_CONFIG names a directory without config.json (as before any login).
 */
async function exportLayout(tool, localName, dir, options) {
    const authFile = `${dir}.auth.json`;
    await (0,promises_namespaceObject.writeFile)(authFile, '{}');
    try {
        await runCommand(tool, ['push', '--authfile', authFile, localName, `oci:${dir}`], options);
    }
    finally {
        await (0,promises_namespaceObject.rm)(authFile, { force: true });
    }
}
function buildArguments(request, tag, extra = []) {
    return ['build', ...commonBuildFlags(request), ...extra, '--tag', tag, request.context];
}
/** The one image manifest a fresh layout holds, as the layout's index.json describes it. */
async function layoutManifest(dir, tool) {
    const manifests = await readLayoutIndex(dir);
    const descriptor = manifests[0];
    if (manifests.length !== 1 || !descriptor || !isImageManifestMediaType(descriptor.mediaType)) {
        throw new Error(`${tool} wrote ${manifests.length} manifests (${manifests.map(m => m.mediaType).join(', ')}) to ${dir}, expected one image manifest`);
    }
    return { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size };
}

;// CONCATENATED MODULE: ./src/builders/buildx.ts






/**
 * `docker buildx build`, pushing the one platform itself. Drivers backed by their own BuildKit push by digest,
 * leaving no tag. The `docker` driver cannot (buildx: "push-by-digest is currently not implemented for docker
 * driver"), so it pushes `fallbackTag` to every image instead and says so in a warning.
 */
function buildxBuilder(options = {}) {
    return {
        name: 'buildx',
        async build(request, logger) {
            await checkContext(request.context);
            if (request.push && request.images.length === 0)
                throw new Error('buildx was asked to push, but no image was given');
            const builder = await inspectBuildxBuilder(options);
            logger.info(`Building ${formatPlatform(request.platform)} with buildx builder '${builder.name}' (${builder.driver} driver)`);
            const dir = await (0,promises_namespaceObject.mkdtemp)((0,external_node_path_namespaceObject.join)(tempRoot(options), 'native-multiarch-buildx-'));
            try {
                const metadataFile = (0,external_node_path_namespaceObject.join)(dir, 'metadata.json');
                await runCommand('docker', buildxArguments(request, builder.driver, metadataFile), options);
                if (!request.push)
                    return { kind: 'local' };
                const manifest = parseBuildxMetadata(await (0,promises_namespaceObject.readFile)(metadataFile, 'utf8').catch(() => ''), metadataFile);
                const repository = request.images[0];
                if (builder.driver !== 'docker')
                    return { kind: 'pushed', repository, manifest };
                const tagged = fallbackRefs(request);
                logger.warning(`The buildx builder '${builder.name}' uses the 'docker' driver, which cannot push by digest, so this build ` +
                    `pushed the temporary tag ${tagged.join(', ')}. Add a docker/setup-buildx-action step before this one ` +
                    `(it creates a docker-container builder) to push by digest and leave no tag behind.`);
                return { kind: 'pushed', repository, manifest, fallbackTag: request.fallbackTag };
            }
            finally {
                await (0,promises_namespaceObject.rm)(dir, { recursive: true, force: true });
            }
        },
    };
}
/** Asks buildx which builder and driver a build would use; `buildx inspect` prints them the same way in 0.13 and today. */
async function inspectBuildxBuilder(options) {
    const { stdout } = await runCommand('docker', ['buildx', 'inspect'], { ...options, silent: true });
    const info = parseBuildxInspect(stdout);
    if (!info.name || !info.driver) {
        throw new Error(`docker buildx cannot reach its builder${info.name ? ` '${info.name}'` : ''}${info.error ? `: ${info.error}` : ''}. ` +
            `Start the Docker engine, or add docker/setup-buildx-action before this step.`);
    }
    return { name: info.name, driver: info.driver };
}
/**
 * Reads the builder's `Name:`, `Driver:` and `Error:` from `docker buildx inspect` text: the first occurrence of
 * each, before the per-node section. An unreachable engine leaves `Driver:` empty and puts the cause in `Error:`.
 */
function parseBuildxInspect(text) {
    const field = (key) => {
        const match = new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(text.split(/\n\s*Nodes:/)[0] ?? '');
        return match?.[1]?.trim() || undefined;
    };
    return { name: field('Name'), driver: field('Driver'), error: field('Error') };
}
/** The temporary tag on every image, for the docker driver, which cannot push by digest. */
function fallbackRefs(request) {
    return request.images.map(repository => formatReference({ repository, tag: request.fallbackTag }));
}
/** The `docker buildx build` arguments for a request; each value is its own argument, never shell text. */
function buildxArguments(request, driver, metadataFile) {
    const args = ['buildx', 'build', ...commonBuildFlags(request)];
    for (const cache of request.cacheFrom)
        args.push('--cache-from', cache);
    for (const cache of request.cacheTo)
        args.push('--cache-to', cache);
    args.push('--metadata-file', metadataFile);
    if (!request.push) {
        args.push('--output', 'type=cacheonly');
    }
    else if (driver === 'docker') {
        for (const ref of fallbackRefs(request))
            args.push('--tag', ref);
        args.push('--push');
    }
    else {
        // The exporter's options are CSV: the quotes keep the comma-separated names one value.
        const names = request.images.map(formatRepository).join(',');
        args.push('--output', `type=image,"name=${names}",push-by-digest=true,name-canonical=true,push=true`);
    }
    args.push(request.context);
    return args;
}
/**
 * The pushed manifest from buildx's metadata file: `containerimage.digest`, with mediaType and size from
 * `containerimage.descriptor` when BuildKit wrote one for that same digest.
 */
function parseBuildxMetadata(text, file) {
    let metadata;
    try {
        metadata = JSON.parse(text);
    }
    catch {
        throw new Error(`buildx wrote no readable metadata file ${file}, so the pushed digest is unknown`);
    }
    const digest = metadata['containerimage.digest'];
    if (typeof digest !== 'string' || !isDigest(digest)) {
        throw new Error(`buildx's metadata file ${file} has no 'containerimage.digest' (found ${JSON.stringify(digest)})`);
    }
    const manifest = { digest };
    const descriptor = metadata['containerimage.descriptor'];
    if (descriptor?.digest === digest) {
        if (typeof descriptor.mediaType === 'string')
            manifest.mediaType = descriptor.mediaType;
        if (Number.isSafeInteger(descriptor.size))
            manifest.size = descriptor.size;
    }
    return manifest;
}

;// CONCATENATED MODULE: ./src/builders/detect.ts






/** How to get each builder onto a runner, for the error when it is missing. */
const InstallHints = {
    buildx: 'add a docker/setup-buildx-action step before this one (and have a Docker engine: GitHub-hosted Ubuntu runners do)',
    podman: `install it first, e.g. 'sudo apt-get install -y podman' on Debian and Ubuntu`,
    buildah: `install it first, e.g. 'sudo apt-get install -y buildah' on Debian and Ubuntu`,
};
/**
 * The builder for input `builder` (a name settings has checked). `auto` takes buildx when the plugin is
 * installed and a Docker engine answers, else podman, else buildah. An explicit choice must be installed; buildx
 * then needs no local engine, since a `remote` or `kubernetes` builder has none. podman and buildah are found on
 * PATH without being run; buildx's probes run in parallel.
 */
async function selectBuilder(choice, options = {}) {
    const { logger = silentLogger, ...commandOptions } = options;
    const wanted = choice === 'auto' ? BuilderNames : [choice];
    const probes = await Promise.all(wanted.map(name => probeBuilder(name, choice === 'auto', commandOptions)));
    const reasons = [];
    for (const [i, name] of wanted.entries()) {
        const probe = probes[i];
        if (probe.ok) {
            const found = probe.found.trim().split('\n')[0];
            logger.info(`Using ${name} (${found})${choice === 'auto' ? `, chosen by ${Input.Builder}: auto` : ''}`);
            return makeBuilder(name, commandOptions);
        }
        reasons.push(probe.reason);
        if (choice === 'auto')
            logger.debug(`builder auto: not ${name}: ${probe.reason}`);
    }
    if (choice !== 'auto') {
        throw new Error(`${inputLabel(Input.Builder)} is '${choice}', but ${reasons[0]}. To use it, ${InstallHints[choice]}.`);
    }
    throw new Error(`${inputLabel(Input.Builder)} is 'auto', but no builder is usable (${wanted.map((name, i) => `${name}: ${reasons[i]}`).join('; ')}). ` +
        `For buildx, ${InstallHints.buildx}; for podman or buildah, install the Debian/Ubuntu package of that name.`);
}
/**
 * Whether a builder can run here: podman and buildah by their path, buildx by its version. podman and buildah
 * are not run (a Go program started only to say its version cost each build ~100 ms), so an installed but
 * broken podman fails at its build, not here, and `auto` does not fall back past it. buildx in `auto` also needs
 * a Docker engine that answers, which the plugin's presence alone does not promise (the CLI is often installed
 * without an engine); plugins live in several directories, so the docker CLI is asked.
 */
async function probeBuilder(name, needEngine, options) {
    if (name !== 'buildx') {
        const path = await findOnPath(name, options);
        return path ? { ok: true, found: path } : { ok: false, reason: `${name} is not on PATH` };
    }
    const [plugin, engine] = await Promise.all([
        probeCommand('docker', ['buildx', 'version'], options),
        needEngine ? probeCommand('docker', ['version', '--format', '{{.Server.Version}}'], options) : undefined,
    ]);
    if (!plugin.ok)
        return { ok: false, reason: `'docker buildx version' failed (${plugin.reason})` };
    if (engine && !engine.ok)
        return { ok: false, reason: `no Docker engine answers (${engine.reason})` };
    return plugin;
}
function makeBuilder(name, options) {
    return name === 'buildx' ? buildxBuilder(options) : buildahBuilder(name, options);
}

;// CONCATENATED MODULE: ./src/registry/error-body.ts
const MaxExcerpt = 200;
/**
 * Reads an error body: the distribution spec's `{"errors":[{"code","message"}]}`, the `{"details"}` Docker
 * Hub's token service answers, or OAuth2's `{"error","error_description"}`. Anything else is quoted, cut short,
 * so a proxy's HTML error page still tells the user where the answer came from.
 */
function parseErrorBody(body) {
    const text = body.toString('utf8').trim();
    if (!text)
        return { codes: [], detail: '' };
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return { codes: [], detail: `the body is not JSON: "${excerpt(text)}"` };
    }
    if (typeof value !== 'object' || value === null)
        return { codes: [], detail: `"${excerpt(text)}"` };
    const object = value;
    if (Array.isArray(object.errors)) {
        const errors = object.errors.filter((e) => typeof e === 'object' && e !== null);
        const codes = errors.map(e => String(e.code ?? '').toUpperCase()).filter(Boolean);
        const detail = errors
            .map(e => [e.code, e.message].filter(part => typeof part === 'string' && part).join(': '))
            .filter(Boolean)
            .join('; ');
        return { codes, detail: excerpt(detail) };
    }
    for (const key of ['details', 'error_description', 'error', 'message']) {
        if (typeof object[key] === 'string' && object[key])
            return { codes: [], detail: excerpt(object[key]) };
    }
    return { codes: [], detail: `"${excerpt(text)}"` };
}
function excerpt(text) {
    const flat = text.replace(/\s+/g, ' ');
    return flat.length > MaxExcerpt ? `${flat.slice(0, MaxExcerpt)}…` : flat;
}

;// CONCATENATED MODULE: ./src/registry/auth.ts


const TokenCharacters = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;
/** Token services that give no `expires_in` mean 60 s (the distribution token spec's default). */
const DefaultTokenLifetimeSeconds = 60;
/** Tokens are dropped this long before they expire, so one is never sent as it runs out. */
const MaxExpiryMarginMs = 10_000;
/** How long a token fetch that failed after its retries stands as the answer for the same scopes. */
const FailedTokenHoldMs = 10_000;
const ClientId = 'native-multiarch';
/**
 * Parses a `WWW-Authenticate` value into its challenges (RFC 9110 11.6.1): `Bearer realm="...",service="..."`,
 * quoted values with commas and escapes inside, and several challenges in one header (node:http joins repeated
 * headers with a comma).
 */
function parseChallenges(header) {
    const challenges = [];
    let i = 0;
    const skip = (characters) => {
        while (i < header.length && characters.includes(header[i]))
            i++;
    };
    const token = () => {
        const match = TokenCharacters.exec(header.slice(i));
        if (!match)
            return '';
        i += match[0].length;
        return match[0];
    };
    while (i < header.length) {
        skip(' \t,');
        const scheme = token();
        if (!scheme) {
            i++;
            continue;
        }
        const challenge = { scheme: scheme.toLowerCase(), params: {} };
        challenges.push(challenge);
        for (;;) {
            skip(' \t');
            const start = i;
            const name = token();
            skip(' \t');
            if (!name || header[i] !== '=') {
                // Not `name=`: the next challenge's scheme starts here.
                i = start;
                break;
            }
            i++;
            skip(' \t');
            let value = '';
            if (header[i] === '"') {
                for (i++; i < header.length && header[i] !== '"'; i++) {
                    if (header[i] === '\\' && i + 1 < header.length)
                        i++;
                    value += header[i];
                }
                i++;
            }
            else {
                while (i < header.length && !' \t,'.includes(header[i]))
                    value += header[i++];
            }
            challenge.params[name.toLowerCase()] = value;
            skip(' \t');
            if (header[i] === ',')
                i++;
        }
    }
    return challenges;
}
/** The token scope for a repository: `repository:acme/app:pull` or `repository:acme/app:pull,push`. */
function repositoryScope(path, push) {
    return `repository:${path}:${push ? 'pull,push' : 'pull'}`;
}
function scopeSet(scopes) {
    const set = new Map();
    for (const scope of scopes) {
        const colon = scope.lastIndexOf(':');
        if (colon <= 0)
            continue;
        const resource = scope.slice(0, colon);
        const actions = set.get(resource) ?? new Set();
        for (const action of scope.slice(colon + 1).split(','))
            if (action)
                actions.add(action);
        set.set(resource, actions);
    }
    return set;
}
function covers(have, want) {
    for (const [resource, actions] of want) {
        const granted = have.get(resource);
        if (!granted)
            return false;
        for (const action of actions)
            if (!granted.has(action) && !granted.has('*'))
                return false;
    }
    return true;
}
function scopeStrings(set) {
    return [...set].map(([resource, actions]) => `${resource}:${[...actions].sort().join(',')}`).sort();
}
/**
 * Answers registries' challenges: Basic credentials, or Bearer tokens from the registry's token service,
 * cached per registry and scope set until shortly before they expire. A registry's scheme is learned from its
 * first 401; after that the right `Authorization` goes with the first request for each new scope set.
 *
 * Credentials and tokens appear in headers only: never in an error message.
 */
class Authenticator {
    options;
    schemes = new Map();
    tokens = new Map();
    credentialCache = new Map();
    now;
    constructor(options) {
        this.options = options;
        this.now = options.now ?? Date.now;
    }
    /** Credentials for a registry, read from the store once. */
    credentials(registry) {
        let credentials = this.credentialCache.get(registry);
        if (!credentials) {
            credentials = this.options.credentials.get(registry);
            this.credentialCache.set(registry, credentials);
        }
        return credentials;
    }
    /** Whether a challenge from this registry has been seen, so requests can authorize up front. */
    knowsScheme(registry) {
        return this.schemes.has(registry);
    }
    /** The `Authorization` to send up front, once the registry's scheme is known; undefined before that. */
    async authorization(registry, scopes) {
        const scheme = this.schemes.get(registry);
        if (!scheme)
            return undefined;
        if (scheme.kind === 'basic') {
            const credentials = await this.credentials(registry);
            return credentials && basicAuthorization(credentials);
        }
        return `Bearer ${await this.token(registry, scheme, scopeSet(scopes))}`;
    }
    /**
     * After a 401: learns the challenge and returns the `Authorization` to try once more, or undefined when
     * another try cannot help (no challenge, or the same Basic credentials were just refused). `sent` is the
     * `Authorization` the refused request carried; a refused token leaves the cache.
     */
    async challenged(registry, header, scopes, sent) {
        const challenge = this.learnScheme(registry, header);
        const scheme = this.schemes.get(registry);
        if (!challenge || !scheme)
            return undefined;
        if (scheme.kind === 'bearer') {
            if (sent?.startsWith('Bearer '))
                this.forget(registry, sent.slice('Bearer '.length));
            // The challenge names what the registry wants (possibly more than we asked for): ask for both.
            const asked = challenge.params.scope?.split(' ') ?? [];
            return `Bearer ${await this.token(registry, scheme, scopeSet([...scopes, ...asked]))}`;
        }
        const credentials = await this.credentials(registry);
        const authorization = credentials && basicAuthorization(credentials);
        return authorization === sent ? undefined : authorization;
    }
    /**
     * Learns a registry's scheme from a `WWW-Authenticate` value, Bearer (with a realm to fetch tokens from)
     * before Basic, and returns the challenge it chose. On its own, for the answer to `GET /v2/`: that challenge
     * names no repository (GHCR's a placeholder one), so its scope is not one to ask for.
     */
    learnScheme(registry, header) {
        const challenges = parseChallenges(header ?? '');
        const bearer = challenges.find(c => c.scheme === 'bearer' && c.params.realm);
        if (bearer) {
            this.schemes.set(registry, {
                kind: 'bearer',
                realm: bearer.params.realm,
                service: bearer.params.service,
            });
            return bearer;
        }
        const basic = challenges.find(c => c.scheme === 'basic');
        if (basic)
            this.schemes.set(registry, { kind: 'basic' });
        return basic;
    }
    forget(registry, token) {
        const cached = this.tokens.get(registry);
        if (cached)
            this.tokens.set(registry, cached.filter(entry => entry.value !== token));
    }
    token(registry, scheme, wanted) {
        const now = this.now();
        const cached = (this.tokens.get(registry) ?? []).filter(entry => entry.expiresAt > now);
        this.tokens.set(registry, cached);
        const usable = cached.find(entry => covers(entry.scopes, wanted));
        if (usable)
            return usable.token;
        const entry = { scopes: wanted, token: Promise.resolve(''), expiresAt: Infinity };
        entry.token = this.fetchToken(registry, scheme, scopeStrings(wanted)).then(({ token, lifetimeMs }) => {
            this.options.onSecret?.(token);
            entry.value = token;
            entry.expiresAt = this.now() + lifetimeMs - Math.min(MaxExpiryMarginMs, lifetimeMs / 4);
            return token;
        }, error => {
            // The fetch already spent its retries: requests that were waiting for the same scopes take this answer
            // rather than starting the whole round again. A later step, after the hold, asks afresh.
            entry.expiresAt = this.now() + FailedTokenHoldMs;
            throw error;
        });
        cached.push(entry);
        return entry.token;
    }
    async fetchToken(registry, scheme, scopes) {
        let realm;
        try {
            realm = new URL(scheme.realm);
        }
        catch {
            throw new Error(`Registry ${registry} named a token service that is not a URL: '${scheme.realm}'.`);
        }
        const where = `the token service of ${registry} (${realm.host}${realm.pathname})`;
        const credentials = await this.credentials(registry);
        if (credentials && realm.protocol === 'http:' && !this.options.allowsPlainHttp(realm.host)) {
            throw new Error(`Refusing to send the credentials for ${registry} over plain HTTP to ${where}. Use an HTTPS token service, or list ${realm.host} as an insecure registry.`);
        }
        const request = tokenRequest(realm, scheme.service, scopes, credentials);
        const response = await this.options.fetchToken(request);
        const { codes, detail } = parseErrorBody(response.body);
        const refusal = { registry, method: request.method, path: realm.pathname, status: response.status, codes };
        if (response.status === 401 || response.status === 403) {
            const said = `HTTP ${response.status}${detail ? `: ${detail}` : ''}`;
            throw new RegistryError(credentials
                ? `Login to ${registry} failed: ${where} rejected the credentials (${said}). Check the username and password or token the login step for ${registry} used.`
                : `Anonymous access to ${registry} was refused by ${where} (${said}). Check that the image name includes the registry (e.g. ghcr.io/acme/app) and that a login step ran for ${registry}.`, refusal);
        }
        if (response.status !== 200) {
            throw new RegistryError(`Registry ${registry}: ${where} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}.`, refusal);
        }
        return parseTokenAnswer(response.body, `Registry ${registry}: ${where}`, request.method);
    }
}
function basicAuthorization(credentials) {
    const secret = credentials.identityToken ?? credentials.password;
    return `Basic ${Buffer.from(`${credentials.username}:${secret}`).toString('base64')}`;
}
/**
 * The token request for these scopes: an identity token is an OAuth2 refresh token, exchanged by POST as the
 * docker CLI does; otherwise a GET with Basic credentials (or none, for anonymous pulls).
 */
function tokenRequest(realm, service, scopes, credentials) {
    if (credentials?.identityToken) {
        const form = new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: credentials.identityToken,
            client_id: ClientId,
            ...(service ? { service } : {}),
            scope: scopes.join(' '),
        });
        return {
            method: 'POST',
            url: realm,
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: Buffer.from(form.toString()),
        };
    }
    const url = new URL(realm);
    if (service)
        url.searchParams.set('service', service);
    for (const scope of scopes)
        url.searchParams.append('scope', scope);
    return {
        method: 'GET',
        url,
        headers: credentials ? { Authorization: basicAuthorization(credentials) } : {},
    };
}
/** A token service's JSON answer: `token` or `access_token`, and its lifetime (`expires_in`, else the default). */
function parseTokenAnswer(body, who, method) {
    let answer;
    try {
        answer = JSON.parse(body.toString('utf8'));
    }
    catch {
        throw new Error(`${who} answered ${method} with a body that is not JSON.`);
    }
    const token = typeof answer.token === 'string' && answer.token ? answer.token : answer.access_token;
    if (typeof token !== 'string' || !token) {
        throw new Error(`${who} answered without a 'token' or 'access_token'.`);
    }
    const expiresIn = typeof answer.expires_in === 'number' && answer.expires_in > 0
        ? answer.expires_in
        : DefaultTokenLifetimeSeconds;
    return { token, lifetimeMs: expiresIn * 1000 };
}

;// CONCATENATED MODULE: ./src/registry/request.ts








/** Waiting out a registry's lag after a push: bounded, a few seconds to half a minute. */
const DefaultLag = { totalTimeoutMs: 30_000, baseDelayMs: 500, maxDelayMs: 5_000, maxAttempts: 50 };
const ErrorBodyLimit = 64 * 1024;
const TokenBodyLimit = 1024 * 1024;
function createRequestCore(options) {
    const logger = options.logger ?? silentLogger;
    const retryOptions = loggedRetries(options, logger);
    const hosts = new RegistryHosts(options.insecureRegistries, options.maxRequestsPerHost, options.maxChecksPerHost);
    const transport = createHttpTransport({ timeoutMs: options.timeoutMs });
    const now = retryOptions.now ?? Date.now;
    const retried = (target, method, url, work) => withRetry(target, retryOptions, work).catch(error => {
        throw explainConnectionFailure(error, target.host, method, url);
    });
    const sender = {
        options,
        logger,
        hosts,
        transport,
        userAgent: options.userAgent ?? 'native-multiarch',
        now,
    };
    const state = {
        ...sender,
        auth: new Authenticator({
            credentials: options.credentials,
            fetchToken: tokenFetch(sender, retried),
            allowsPlainHttp: host => hosts.allowsPlainHttp(host),
            onSecret: options.onSecret,
            now: retryOptions.now,
        }),
    };
    return {
        hosts,
        logger,
        apiUrl: (repository, rest) => new URL(`/v2/${repository.path}/${rest}`, hosts.endpoint(repository.registry)),
        request(call, read) {
            const target = { host: call.repository.registry, method: call.method, path: call.url.pathname };
            return retried(target, call.method, call.url, async (attempt) => read(await request_exchange(state, call, attempt)));
        },
        exchange: (call, attempt) => request_exchange(state, call, attempt),
        retried,
        waitOutLag: (what, target, isLag, operation) => waitOutLag(options, logger, what, target, isLag, operation),
        prepare: (repository, push) => prepare(state, repository, push),
        close: () => transport.close(),
    };
}
/**
 * One HTTP exchange, reported to `onRequest` and the debug log hop by hop. It holds a slot of its host until
 * its body has been read or dropped (unless `slotFree`), so every answer must be read or discarded.
 */
async function send(sender, request, attempt, hop) {
    const { method, url } = request;
    const report = (hopMethod, hopUrl, status) => {
        const shown = redactedUrl(hop.trusted, hopUrl);
        sender.logger.debug(`${hopMethod} ${shown} -> ${status || 'no answer'}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
        sender.options.onRequest?.({ method: hopMethod, url: shown, status, attempt });
    };
    const slots = method === 'HEAD' ? sender.hosts.checkSlots : sender.hosts.slots;
    const release = hop.slotFree ? () => { } : await slots.acquire(url.host);
    let response;
    try {
        response = await sender.transport.request(method, url, request.headers, request.body, {
            followRedirects: hop.followRedirects,
            bulk: hop.bulk,
        });
    }
    catch (error) {
        release();
        report(method, url, 0);
        throw error;
    }
    // The host's slot comes back once the body has been read to its end, dropped, or has failed.
    void settled(response.body).then(release);
    for (const redirect of response.redirects)
        report(method, redirect.url, redirect.status);
    report(method, response.url, response.status);
    return response;
}
/** One attempt at a call: authorizes, and on a 401 answers the challenge and tries once more. */
async function request_exchange(state, call, attempt) {
    const { auth, hosts } = state;
    const { registry } = call.repository;
    const base = hosts.endpoint(registry);
    const writes = (repository) => (state.options.pushRepositories ?? []).some(r => sameRepository(r, repository));
    const scopes = [repositoryScope(call.repository.path, call.push || writes(call.repository))];
    if (call.from)
        scopes.push(repositoryScope(call.from.path, writes(call.from)));
    // Upload locations may point elsewhere; the registry's credentials go to the registry only.
    const onRegistry = call.url.origin === base.origin;
    const learned = onRegistry && !auth.knowsScheme(registry) ? await hosts.awaitSchemeLearning(registry) : undefined;
    try {
        let authorization = onRegistry ? await auth.authorization(registry, scopes) : undefined;
        for (let answeredChallenge = false;; answeredChallenge = true) {
            const headers = { 'User-Agent': state.userAgent, ...call.headers };
            if (authorization)
                headers.Authorization = authorization;
            const response = await send(state, { ...call, headers }, attempt, { ...call, trusted: base });
            if (response.status === 401 && onRegistry && !answeredChallenge) {
                // Read first: the connection and the host's slot are free again while a token is fetched.
                const body = await readErrorBody(response);
                const challenge = response.headers['www-authenticate'];
                const next = await auth.challenged(registry, challenge, scopes, authorization);
                if (next) {
                    authorization = next;
                    continue;
                }
                throw await failure(state, call, response, body);
            }
            if (call.expectedStatuses.includes(response.status))
                return response;
            throw await failure(state, call, response);
        }
    }
    finally {
        learned?.();
    }
}
async function prepare(state, repository, push) {
    const { registry } = repository;
    try {
        const learned = state.auth.knowsScheme(registry) || !state.hosts.firstPing(registry)
            ? undefined
            : await state.hosts.awaitSchemeLearning(registry);
        // Unless known (or learned meanwhile by another exchange), the scheme comes from the ping's challenge; a
        // ping that learned none leaves the turn to the next exchange.
        if (learned)
            await ping(state, registry).finally(() => {
                if (!state.auth.knowsScheme(registry))
                    state.hosts.relearnScheme(registry);
                learned();
            });
        await state.auth.authorization(registry, [repositoryScope(repository.path, push)]);
    }
    catch (error) {
        state.logger.debug(`Could not get ready for ${formatRepository(repository)} ahead of time: ${describeError(error)}`);
    }
}
/** `GET /v2/`, the API's version check: its 401 tells the registry's auth scheme. */
async function ping(state, registry) {
    const base = state.hosts.endpoint(registry);
    const request = { method: 'GET', url: new URL('/v2/', base), headers: { 'User-Agent': state.userAgent } };
    const response = await send(state, request, 1, { trusted: base });
    await readErrorBody(response);
    if (response.status === 401)
        state.auth.learnScheme(registry, response.headers['www-authenticate']);
}
/** The error for an answer the call did not expect: access denied, or the status with what the body said. */
async function failure(state, call, response, read) {
    const { codes, detail } = parseErrorBody(read ?? (await readErrorBody(response)));
    const { registry } = call.repository;
    const answer = { registry, method: call.method, path: call.url.pathname, codes };
    if (answerKind(response.status, codes) !== 'denied') {
        const what = `Registry ${registry}: ${call.method} ${call.url.pathname}`;
        return statusError(what, response, answer, detail, state.now);
    }
    const credentials = await state.auth.credentials(registry);
    const action = call.push ? 'push' : 'pull';
    const source = call.from ? ` (mounting from ${formatRepository(call.from)})` : '';
    const said = `the registry answered ${call.method} with HTTP ${response.status}${detail ? ` (${detail})` : ''}`;
    const whose = credentials
        ? `using the credentials found for ${registry}`
        : `without credentials: none were found for ${registry}`;
    return new RegistryError(`${action} access denied for ${formatRepository(call.repository)}${source}: ${said}, ${whose}. Check that the image name includes the registry (e.g. ghcr.io/acme/app) and that a login step ran for ${registry}.`, { ...answer, status: response.status });
}
/** The retry policy, telling the log about every wait: a slow merge should say what it is waiting on. */
function loggedRetries(options, logger) {
    return {
        ...options.retry,
        onRetry(error, attempt, delayMs, target) {
            // Answers and timeouts name their request; a reset connection does not.
            const named = error instanceof HttpStatusError || error instanceof HttpTimeoutError;
            const what = named
                ? describeError(error)
                : `Registry ${target.host}: ${target.method} ${target.path}: ${describeError(error)}`;
            logger.info(`${what}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1})`);
            options.retry?.onRetry?.(error, attempt, delayMs, target);
        },
    };
}
/** Token requests: retried like any request, never holding a slot (they start while their caller holds one). */
function tokenFetch(sender, retried) {
    return request => retried({ host: request.url.host, method: request.method, path: request.url.pathname }, request.method, request.url, async (attempt) => {
        const headers = { 'User-Agent': sender.userAgent, ...request.headers };
        const response = await send(sender, { ...request, headers }, attempt, {
            trusted: request.url,
            slotFree: true,
        });
        const where = `${request.url.host}${request.url.pathname}`;
        if (isRetryableStatus(response.status)) {
            await discardBody(response);
            const answer = { registry: request.url.host, method: request.method, path: request.url.pathname };
            throw statusError(`Token service ${where}`, response, answer, '', sender.now);
        }
        return {
            status: response.status,
            body: await readBody(response, TokenBodyLimit, `The answer of the token service ${where}`),
        };
    });
}
/** A status answer as a `RegistryError`: what was asked, what came back, and for a 429 what is left of the limit. */
function statusError(what, response, answer, detail, now) {
    let message = `${what} answered HTTP ${response.status}${detail ? ` (${detail})` : ''}`;
    if (response.status === 429) {
        const limits = ['ratelimit-remaining', 'ratelimit-limit']
            .filter(name => response.headers[name] !== undefined)
            .map(name => `${name}: ${response.headers[name]}`);
        message += limits.length ? `; rate limit ${limits.join(', ')}` : '; rate limited';
    }
    const retryAfterMs = parseRetryAfter(header(response, 'retry-after'), now());
    return new RegistryError(message, { ...answer, status: response.status, retryAfterMs });
}
/** See `RequestCore.waitOutLag`. */
function waitOutLag(options, logger, what, target, isLag, operation) {
    const policy = {
        ...DefaultLag,
        ...options.lag,
        retryable: isLag,
        onRetry(error, attempt, delayMs) {
            const why = error instanceof RegistryError ? `HTTP ${error.status}` : describeError(error);
            logger.info(`Registry ${target.host}: ${what} (${why}); it was pushed moments ago, so waiting ${(delayMs / 1000).toFixed(1)} s for the registry to catch up (attempt ${attempt + 1})`);
        },
    };
    return withRetry(target, policy, operation).catch(error => {
        // When the wait itself gives up, the caller wants the registry's last answer, as it would without a wait.
        throw error instanceof GaveUpError && isLag(error.cause) ? error.cause : error;
    });
}
function readErrorBody(response) {
    return readBody(response, ErrorBodyLimit, 'The error body').catch(() => Buffer.alloc(0));
}
function header(response, name) {
    const value = response.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
/**
 * A request that got no HTTP answer at all (DNS, refused, TLS, reset) says where it went: the scheme matters,
 * since a registry that speaks plain HTTP fails the TLS handshake, and a host that does not resolve is a typo
 * or a missing registry prefix more often than an outage. Answers with a status are left as they are.
 */
function explainConnectionFailure(error, registry, method, url) {
    if (error instanceof ConnectionFailure)
        return error;
    const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
    if (cause instanceof HttpStatusError || typeof cause !== 'object' || cause === null)
        return error;
    const code = cause.code;
    if (typeof code !== 'string')
        return error;
    // OpenSSL's messages carry internals (`...:SSL routines:ssl3_get_record:wrong version number:../deps/...`).
    const tls = /SSL routines:[^:]*:([^:]+)/.exec(describeError(cause))?.[1];
    let hint = `The request went to ${url.origin}`;
    if (/^(EPROTO|ERR_SSL)/.test(code) && url.protocol === 'https:') {
        hint += `; if ${registry} serves plain HTTP, list it as an insecure registry.`;
    }
    else if (/CERT|UNABLE_TO|SELF_SIGNED/.test(code)) {
        hint += `; its certificate is not trusted here: give node its CA in NODE_EXTRA_CA_CERTS.`;
    }
    else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        hint += `; ${url.hostname} does not resolve: check the registry host in the image name.`;
    }
    else {
        hint += '.';
    }
    // Retries already named the registry and the request; a failure that was not retried did not.
    const message = error === cause
        ? `Registry ${registry}: ${method} ${url.pathname} failed: ${tls ? `the TLS handshake failed (${tls}, ${code})` : describeError(cause).trim()}.`
        : error.message;
    return new ConnectionFailure(`${message}${message.endsWith('.') ? '' : '.'} ${hint}`, { cause });
}
/** A request that got no answer, explained once (a token request's failure passes through its caller's). */
class ConnectionFailure extends GaveUpError {
    name = 'ConnectionFailure';
}

;// CONCATENATED MODULE: ./src/registry/manifests.ts








/** Content types some registries answer with instead of the manifest's own; the bytes' `mediaType` then decides. */
const GenericContentTypes = new Set(['', 'application/json', 'application/octet-stream', 'text/plain']);
/** Codes of a manifest PUT whose children the registry does not show yet. */
const LagCodes = ['MANIFEST_BLOB_UNKNOWN', 'BLOB_UNKNOWN'];
/** Manifests by tag or digest: HEAD (a GET where HEAD is not implemented), GET, and PUT. */
function manifestOperations(core) {
    return {
        async headManifest(repository, reference, options) {
            if (!options?.pushed)
                return headManifest(core, repository, reference);
            const path = core.apiUrl(repository, `manifests/${reference}`).pathname;
            const target = { host: repository.registry, method: 'HEAD', path };
            const notThere = new RegistryError(`${referenceName(repository, reference)} was not found`, {
                ...target,
                registry: repository.registry,
                status: 404,
            });
            const what = `${referenceName(repository, reference)} is not there yet`;
            return core
                .waitOutLag(what, target, error => error === notThere, async () => {
                const found = await headManifest(core, repository, reference);
                if (!found)
                    throw notThere;
                return found;
            })
                .catch(error => {
                if (error === notThere)
                    return undefined;
                throw error;
            });
        },
        getManifest: (repository, reference) => getManifest(core, repository, reference),
        async putManifest(repository, reference, bytes, mediaType) {
            const name = referenceName(repository, reference);
            if (bytes.length > MaxManifestBytes) {
                throw new Error(`The manifest for ${name} is ${bytes.length} bytes, over the ${MaxManifestBytes} registries accept.`);
            }
            const digest = checkDigest(bytes, isDigest(reference) ? reference : undefined, name, 'The caller');
            const call = {
                repository,
                method: 'PUT',
                url: manifestUrl(core, repository, reference),
                headers: { 'Content-Type': mediaType, 'Content-Length': String(bytes.length) },
                body: bytes,
                push: true,
                expectedStatuses: [200, 201, 204],
            };
            const put = () => core.request(call, async (response) => {
                await discardBody(response);
                const stored = header(response, 'docker-content-digest');
                if (stored && stored !== digest) {
                    throw new Error(`Registry ${repository.registry} stored the manifest for ${name} as ${stored}, but the bytes sent have digest ${digest}.`);
                }
                return digest;
            });
            const target = { host: repository.registry, method: 'PUT', path: call.url.pathname };
            const isLag = (error) => registryErrorOf(error)?.hasCode(...LagCodes) === true;
            return core.waitOutLag(`${name}: the registry does not show the manifest's children yet`, target, isLag, put);
        },
    };
}
/** One manifest HEAD (a GET where HEAD is not implemented): the descriptor, or undefined on 404. */
async function headManifest(core, repository, reference) {
    if (core.hosts.lacksManifestHead(repository.registry))
        return headByGet(core, repository, reference);
    const call = {
        ...manifestCall(core, repository, reference, 'HEAD'),
        expectedStatuses: [200, 404, 405, 501],
    };
    const descriptor = await core.request(call, async (response) => {
        await discardBody(response);
        if (response.status === 405 || response.status === 501)
            return 'no-head';
        if (response.status === 404)
            return null;
        const digest = header(response, 'docker-content-digest');
        const mediaType = mediaTypeOf(header(response, 'content-type'));
        const size = Number(header(response, 'content-length'));
        if (!digest ||
            !isDigest(digest) ||
            GenericContentTypes.has(mediaType) ||
            !Number.isSafeInteger(size) ||
            size <= 0)
            return undefined;
        if (isDigest(reference) && digest !== reference) {
            throw new Error(`Registry ${repository.registry} answered HEAD ${referenceName(repository, reference)} with digest ${digest}.`);
        }
        return { mediaType, digest, size };
    });
    if (descriptor === null)
        return undefined;
    if (descriptor === 'no-head') {
        // Older Nexus and some pull-through caches: existence is checked with GET there, as containerd does.
        if (core.hosts.learnNoManifestHead(repository.registry)) {
            core.logger.info(`Registry ${repository.registry} does not answer manifest HEAD requests; checking with GET there from now on.`);
        }
        return headByGet(core, repository, reference);
    }
    // Some registries leave out what HEAD should say; the manifest itself settles it.
    return descriptor ?? (await getManifest(core, repository, reference)).descriptor;
}
async function headByGet(core, repository, reference) {
    const found = await findManifest(core, repository, reference);
    return 'bytes' in found ? found.descriptor : undefined;
}
async function getManifest(core, repository, reference) {
    const found = await findManifest(core, repository, reference);
    if ('bytes' in found)
        return found;
    const name = referenceName(repository, reference);
    throw new RegistryError(`Manifest ${name} was not found (HTTP 404${found.detail ? `: ${found.detail}` : ''}).`, found.answer);
}
/** GET a manifest: its bytes and descriptor, or what the registry said when it has none (404). */
async function findManifest(core, repository, reference) {
    const name = referenceName(repository, reference);
    const call = manifestCall(core, repository, reference, 'GET');
    return core.request(call, async (response) => {
        if (response.status === 404) {
            const { codes, detail } = parseErrorBody(await readErrorBody(response));
            const path = call.url.pathname;
            return { answer: { registry: repository.registry, method: 'GET', path, status: 404, codes }, detail };
        }
        const bytes = await readBody(response, MaxManifestBytes, `The manifest ${name}`);
        let parsed;
        try {
            parsed = JSON.parse(bytes.toString('utf8'));
        }
        catch {
            throw new Error(`Registry ${repository.registry}: GET ${call.url.pathname} answered with a body that is not JSON; expected the manifest ${name}.`);
        }
        const announced = header(response, 'docker-content-digest');
        const expected = isDigest(reference) ? reference : announced;
        const digest = checkDigest(bytes, expected, name, `Registry ${repository.registry}`);
        const contentType = mediaTypeOf(header(response, 'content-type'));
        const mediaType = GenericContentTypes.has(contentType) && typeof parsed.mediaType === 'string'
            ? parsed.mediaType
            : contentType;
        if (!mediaType)
            throw new Error(`Registry ${repository.registry} sent the manifest ${name} without a media type.`);
        return { descriptor: { mediaType, digest, size: bytes.length }, bytes };
    });
}
/** HEAD or GET with the full `Accept` list: ACR and GHCR answer 404 when it lacks the stored type. */
function manifestCall(core, repository, reference, method) {
    return {
        repository,
        method,
        url: manifestUrl(core, repository, reference),
        headers: { Accept: ManifestMediaTypes.join(', ') },
        push: false,
        expectedStatuses: [200, 404],
    };
}
function manifestUrl(core, repository, reference) {
    return core.apiUrl(repository, `manifests/${checkReference(repository, reference)}`);
}
/** `ghcr.io/acme/app:1.0` or `ghcr.io/acme/app@sha256:...`, for messages. */
function referenceName(repository, reference) {
    return formatReference({
        repository,
        ...(isDigest(reference) ? { digest: reference } : { tag: reference }),
    });
}
/** A tag or digest that is safe to put in a URL path, or an error naming the repository. */
function checkReference(repository, reference) {
    if (isDigest(reference) || isValidTag(reference))
        return reference;
    throw new Error(`'${reference}' is neither a tag nor a digest (for ${formatRepository(repository)}).`);
}
function mediaTypeOf(contentType) {
    return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

;// CONCATENATED MODULE: ./src/registry/blobs.ts






/** Blobs by digest: existence, cross-repository mount, streamed download, and monolithic upload. */
function blobOperations(core) {
    return {
        hasBlob: (repository, digest) => hasBlob(core, repository, digest),
        mountBlob: (repository, digest, from) => mountBlob(core, repository, digest, from),
        getBlob: (repository, digest, options) => getBlob(core, repository, digest, options),
        pushBlob: (repository, descriptor, open, options) => pushBlob(core, repository, descriptor, open, options),
    };
}
async function hasBlob(core, repository, digest) {
    const call = {
        repository,
        method: 'HEAD',
        url: core.apiUrl(repository, `blobs/${checkReference(repository, digest)}`),
        push: false,
        // A redirect means the registry has it and would send it from storage; don't HEAD a presigned GET URL.
        expectedStatuses: [200, 404, 301, 302, 303, 307, 308],
        followRedirects: false,
    };
    return core.request(call, async (response) => {
        await discardBody(response);
        return response.status !== 404;
    });
}
async function mountBlob(core, repository, digest, from) {
    if (repository.registry !== from.registry) {
        throw new Error(`Cannot mount ${digest} into ${formatRepository(repository)} from ${formatRepository(from)}: mounts work within one registry.`);
    }
    const query = new URLSearchParams({ mount: checkReference(repository, digest), from: from.path });
    const call = {
        repository,
        method: 'POST',
        url: core.apiUrl(repository, `blobs/uploads/?${query}`),
        headers: { 'Content-Length': '0' },
        push: true,
        from,
        expectedStatuses: [201, 202],
    };
    try {
        return await core.request(call, async (response) => {
            await discardBody(response);
            // 202 opened an upload session instead; it is left for the registry to expire, which costs no request.
            return response.status === 201;
        });
    }
    catch (error) {
        // Any 4xx to a mount means "not mounted", not "no access": Harbor answers a source project the token
        // does not cover with 404 "project not found", a pull-through proxy with 403. The caller uploads the
        // blob instead, as containerd and oras do; only a refused upload is an access error.
        const answer = finalRefusalOf(error);
        if (!answer)
            throw error;
        core.logger.debug(`Registry ${repository.registry} refused to mount ${digest} from ${from.path} (HTTP ${answer.status})`);
        return false;
    }
}
/**
 * Blobs this large are read by wire.ts. Below it, a keep-alive connection saves more (a TCP and TLS handshake
 * per blob) than reused buffers do (about 2 ms of CPU per MiB here).
 */
const BulkBlobBytes = 8 * 1024 * 1024;
async function getBlob(core, repository, digest, { checked = true, size } = {}) {
    const call = {
        repository,
        method: 'GET',
        url: core.apiUrl(repository, `blobs/${checkReference(repository, digest)}`),
        push: false,
        expectedStatuses: [200, 404],
        slotFree: true,
        bulk: size !== undefined && size >= BulkBlobBytes,
    };
    const response = await core.request(call, async (r) => r);
    if (response.status === 404) {
        await discardBody(response);
        throw new RegistryError(`Blob ${digest} was not found in ${formatRepository(repository)} (HTTP 404).`, {
            registry: repository.registry,
            method: 'GET',
            path: call.url.pathname,
            status: 404,
        });
    }
    if (!checked)
        return response.body;
    return verified(response.body, digest, undefined, `Blob ${digest} from ${formatRepository(repository)}`);
}
/** Upload a blob (monolithic POST then PUT); `open` is called again for each retry, since a stream is used up. */
async function pushBlob(core, repository, descriptor, open, { progress } = {}) {
    const { digest, size } = descriptor;
    const name = formatRepository(repository);
    const start = {
        repository,
        method: 'POST',
        url: core.apiUrl(repository, 'blobs/uploads/'),
        headers: { 'Content-Length': '0' },
        push: true,
        expectedStatuses: [202],
    };
    const target = {
        host: repository.registry,
        method: 'POST+PUT',
        path: `${start.url.pathname} (blob ${digest})`,
    };
    // POST then PUT, retried whole: a failed PUT's session is not resumed, a new one is opened.
    await core.retried(target, 'POST', start.url, async (attempt) => {
        const started = await core.exchange(start, attempt);
        await discardBody(started);
        const location = header(started, 'location');
        if (!location)
            throw new Error(`Registry ${repository.registry} opened an upload to ${name} without a Location.`);
        const url = new URL(location, started.url);
        // Keep the registry's own query (upload state) byte for byte; add the digest to it.
        url.search = `${url.search ? `${url.search}&` : '?'}digest=${encodeURIComponent(digest)}`;
        const upload = {
            repository,
            method: 'PUT',
            url,
            headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
            body: async () => verifiedBody(await open(), digest, size, `Blob ${digest} for ${name}`, { progress }),
            push: true,
            expectedStatuses: [200, 201, 204],
        };
        const finished = await core.exchange(upload, attempt);
        await discardBody(finished);
        const stored = header(finished, 'docker-content-digest');
        if (stored && stored !== digest) {
            throw new Error(`Registry ${repository.registry} stored the blob pushed as ${digest} to ${name} as ${stored}.`);
        }
    });
}

;// CONCATENATED MODULE: ./src/registry/client.ts




/**
 * A client for any registry that speaks the OCI Distribution API: Docker Hub, GHCR, ECR, ACR, GAR, Quay,
 * Harbor, Nexus, CNCF Distribution. The rooms: `request.ts` (the request core: per-host slots, auth, retries,
 * redirects, errors as `RegistryError`), `hosts.ts` (what is known per host), `manifests.ts` and `blobs.ts` (one
 * module per resource), `content.ts` (every answer's bytes checked against their digest before they are believed).
 */
function createRegistryClient(options) {
    const core = createRequestCore(options);
    return {
        ...manifestOperations(core),
        ...blobOperations(core),
        prepare: (repository, { push }) => core.prepare(repository, push),
        close: () => core.close(),
    };
}

;// CONCATENATED MODULE: ./src/registry/docker-config.ts





/** The key the docker CLI files Docker Hub's credentials under, and the server URL it hands helpers for it. */
const DockerHubServer = 'https://index.docker.io/v1/';
/** Credential helpers answer with this user name when the secret is an identity token. */
const IdentityTokenUser = '<token>';
/**
 * Credentials as docker/login-action and `docker login` leave them: `$DOCKER_CONFIG/config.json` (or
 * `~/.docker/config.json`), with `credHelpers` and `credsStore` run as `docker-credential-<name> get`. A missing
 * file means anonymous access. The file is read once; the client's Authenticator keeps each registry's answer.
 */
function dockerConfigCredentials(options = {}) {
    const env = options.env ?? process.env;
    const dir = env.DOCKER_CONFIG || (0,external_node_path_namespaceObject.join)(env.HOME || (0,external_node_os_namespaceObject.homedir)(), '.docker');
    const file = (0,external_node_path_namespaceObject.join)(dir, 'config.json');
    const secret = (value) => {
        if (value)
            options.onSecret?.(value);
        return value;
    };
    let config;
    async function lookup(registry) {
        config ??= readConfig(file);
        const { auths = {}, credHelpers = {}, credsStore } = await config;
        const host = normalizeServer(registry);
        const helper = matchKey(credHelpers, host) ?? credsStore;
        if (helper) {
            const server = host === DockerHub ? DockerHubServer : host;
            const answer = await runHelper(helper, server, env, options.helperTimeoutMs ?? 30_000, file);
            if (answer) {
                const password = secret(answer.Secret);
                return answer.Username === IdentityTokenUser
                    ? { username: IdentityTokenUser, password, identityToken: password }
                    : { username: answer.Username, password };
            }
        }
        const entry = matchKey(auths, host);
        if (!entry)
            return undefined;
        const where = `${file}: auths entry for ${registry}`;
        let username = entry.username;
        let password = secret(entry.password);
        if (entry.auth) {
            secret(entry.auth);
            const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon < 0)
                throw new Error(`${where} has an 'auth' that is not base64 of user:password.`);
            username = decoded.slice(0, colon);
            password = secret(decoded.slice(colon + 1));
        }
        const identityToken = secret(entry.identitytoken);
        if (identityToken)
            return { username: username || IdentityTokenUser, password: identityToken, identityToken };
        if (!username && !password)
            return undefined;
        return { username: username ?? '', password: password ?? '' };
    }
    return { get: lookup };
}
/**
 * The registry host a config key or reference names: `https://ghcr.io/v1/` -> `ghcr.io`, and every spelling
 * of Docker Hub (`index.docker.io`, `registry-1.docker.io`, `https://index.docker.io/v1/`) -> `docker.io`.
 */
function normalizeServer(server) {
    const host = server
        .trim()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
        .replace(/\/.*$/, '')
        .toLowerCase();
    return canonicalRegistry(host);
}
function matchKey(entries, host) {
    if (Object.hasOwn(entries, host))
        return entries[host];
    const key = Object.keys(entries).find(k => normalizeServer(k) === host);
    return key === undefined ? undefined : entries[key];
}
async function readConfig(file) {
    let text;
    try {
        text = await (0,promises_namespaceObject.readFile)(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return {};
        throw new Error(`Cannot read the docker config ${file}: ${error.message}`);
    }
    try {
        const value = JSON.parse(text);
        if (!isObject(value))
            throw new Error('not a JSON object');
        return value;
    }
    catch (error) {
        throw new Error(`The docker config ${file} is not valid JSON (${error.message}).`);
    }
}
/** Runs `docker-credential-<name> get` with the server on stdin; undefined when the helper has nothing for it. */
async function runHelper(name, server, env, timeout, file) {
    const program = `docker-credential-${name}`;
    // Loaded when a helper is configured: Node's child_process costs every start-up a few milliseconds.
    const { execFile } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 421, 23));
    return new Promise((resolve, reject) => {
        const child = execFile(program, ['get'], { env, timeout, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
            if (error) {
                // The docker-credential-helpers protocol: this message (and exit 1) means "no credentials for it".
                if (/credentials not found/i.test(`${stdout}${stderr}`))
                    return resolve(undefined);
                const said = stderr.trim();
                const why = error.code === 'ENOENT'
                    ? 'it is not on PATH'
                    : error.killed
                        ? `it did not answer within ${timeout / 1000} s`
                        : `it failed (exit ${error.code ?? 'unknown'})`;
                // Only stderr is quoted: stdout is where a helper would print a secret.
                return reject(new Error(`${file} names the credential helper ${program} for ${server}, but ${why}${said ? `: ${said.slice(0, 200)}` : ''}.`));
            }
            try {
                const answer = JSON.parse(stdout);
                if (typeof answer.Secret !== 'string' || !answer.Secret)
                    return resolve(undefined);
                resolve({
                    Username: typeof answer.Username === 'string' ? answer.Username : '',
                    Secret: answer.Secret,
                });
            }
            catch {
                reject(new Error(`The credential helper ${program} answered for ${server} with something that is not JSON.`));
            }
        });
        child.stdin?.on('error', () => { });
        child.stdin?.end(server);
    });
}

;// CONCATENATED MODULE: ./src/registry/tuning.ts
/**
 * Environment variables that change how patient the registry client is. Not inputs: the defaults suit hosted
 * registries; these are for tests (seconds instead of minutes) and for slow self-hosted registries.
 */
const TuningVariable = {
    /** No retry starts after this many ms since a request's first attempt (default 120000). */
    RetryTotalMs: 'NATIVE_MULTIARCH_RETRY_TOTAL_MS',
    /** Attempts per request, the first included (default 5). */
    RetryAttempts: 'NATIVE_MULTIARCH_RETRY_ATTEMPTS',
    /** The first backoff's upper bound in ms, doubled per retry (default 500). */
    RetryBaseMs: 'NATIVE_MULTIARCH_RETRY_BASE_MS',
    /** A request fails when no byte moves for this many ms (default 60000). */
    TimeoutMs: 'NATIVE_MULTIARCH_TIMEOUT_MS',
    /** How long content pushed moments ago may stay invisible before a 404 stands, in ms (default 30000). */
    LagTotalMs: 'NATIVE_MULTIARCH_LAG_TOTAL_MS',
};
/** The client options the tuning variables set; unset variables leave the client's defaults. */
function registryTuning(env) {
    const read = (name, min) => {
        const text = env[name]?.trim();
        if (!text)
            return undefined;
        const value = Number(text);
        if (!Number.isSafeInteger(value) || value < min) {
            throw new Error(`Environment variable ${name}: '${text}' is not a whole number of at least ${min}.`);
        }
        return value;
    };
    const retry = {};
    const totalTimeoutMs = read(TuningVariable.RetryTotalMs, 0);
    const maxAttempts = read(TuningVariable.RetryAttempts, 1);
    const baseDelayMs = read(TuningVariable.RetryBaseMs, 0);
    const timeoutMs = read(TuningVariable.TimeoutMs, 1);
    if (totalTimeoutMs !== undefined)
        retry.totalTimeoutMs = totalTimeoutMs;
    if (maxAttempts !== undefined)
        retry.maxAttempts = maxAttempts;
    if (baseDelayMs !== undefined)
        retry.baseDelayMs = baseDelayMs;
    const lagTotalMs = read(TuningVariable.LagTotalMs, 0);
    return {
        retry,
        ...(timeoutMs !== undefined && { timeoutMs }),
        ...(lagTotalMs !== undefined && { lag: { totalTimeoutMs: lagTotalMs } }),
    };
}

;// CONCATENATED MODULE: ./src/action/step-context.ts



/**
 * Runs `use` with what either step works with, then closes the client's keep-alive connections so the process
 * can exit.
 */
async function withStep(settings, shell, use) {
    return withRegistry(settings, settings.images, shell, async (registry) => {
        const transport = await shell.transport(settings);
        return use({ registry, transport, logger: shell.logger, group: shell.group });
    });
}
/** Runs `use` with a registry client, asking for push access to `pushRepositories`, then closes it. */
async function withRegistry(settings, pushRepositories, shell, use) {
    const client = createRegistryClient({
        // Masked the moment they are read, before anything could print them.
        credentials: dockerConfigCredentials({ env: shell.env, onSecret: shell.setSecret }),
        onSecret: shell.setSecret,
        ...registryTuning(shell.env),
        insecureRegistries: settings.insecureRegistries,
        pushRepositories,
        logger: shell.logger,
    });
    try {
        return await use(client);
    }
    finally {
        client.close();
    }
}
/** The message a shell reports for anything thrown, `Error` or not. */
function errorMessage(error) {
    return error instanceof Error ? error.message : `Unexpected failure: ${String(error)}`;
}

;// CONCATENATED MODULE: ./src/core/prune-plan.ts

/**
 * Decides which versions nothing needs. Kept: every tagged version; every version changed less than
 * `minAgeMs` ago (a run in flight may be about to reference it); and, transitively, everything a kept version
 * references: the manifests an index lists (images, attestations) and every referrer (signature, SBOM) whose
 * `subject` is kept. Everything else is deleted, referencing versions before the ones they reference.
 * `links` must hold every version's manifest: an unknown one is refused, since guessing could delete a child.
 */
function planPrune(versions, links, now, minAgeMs) {
    const byDigest = new Map(versions.map(v => [v.digest, v]));
    const missing = versions.find(v => !links.has(v.digest));
    if (missing)
        throw new Error(`The manifest of ${missing.digest} was not read; nothing can be decided.`);
    const referrers = new Map();
    for (const [digest, { subject }] of links) {
        if (subject)
            referrers.set(subject, [...(referrers.get(subject) ?? []), digest]);
    }
    const ageOf = (v) => Math.max(0, now - Math.max(v.createdAt, v.updatedAt));
    const kept = new Map();
    // Per kept version, why the version that keeps it (a tagged or recent one) is kept.
    const rootWhy = new Map();
    const queue = [];
    const keep = (version, reason, why, root = why) => {
        if (kept.has(version.digest))
            return;
        kept.set(version.digest, { version, ageMs: ageOf(version), reason, why });
        rootWhy.set(version.digest, root);
        queue.push(version);
    };
    for (const version of versions) {
        if (version.tags.length)
            keep(version, 'tagged', `tagged ${version.tags.join(', ')}`);
    }
    for (const version of versions) {
        const age = ageOf(version);
        if (age < minAgeMs)
            keep(version, 'young', `changed ${formatAge(age)} ago, under ${formatAge(minAgeMs)}`);
    }
    // Breadth first, so each kept version names the nearest version that keeps it.
    while (queue.length) {
        const parent = queue.shift();
        const root = rootWhy.get(parent.digest);
        const through = `${shortDigest(parent.digest)} (${root})`;
        for (const child of links.get(parent.digest).children) {
            const version = byDigest.get(child);
            if (version)
                keep(version, 'referenced', `listed by ${through}`, root);
        }
        for (const referrer of referrers.get(parent.digest) ?? []) {
            const version = byDigest.get(referrer);
            if (version)
                keep(version, 'referenced', `a referrer of ${through}`, root);
        }
    }
    const doomed = versions.filter(v => !kept.has(v.digest));
    return {
        deletions: deletionBatches(doomed, links, ageOf),
        kept: versions.flatMap(v => kept.get(v.digest) ?? []),
    };
}
/**
 * Orders deletions so that a version goes only after every doomed version that references it: a run stopped
 * half way leaves orphans, never an index without its children.
 */
function deletionBatches(doomed, links, ageOf) {
    const doomedDigests = new Set(doomed.map(v => v.digest));
    // Who references each doomed version, among the doomed: the indexes listing it, and what it is the subject of.
    const referencedBy = new Map(doomed.map(v => [v.digest, []]));
    for (const version of doomed) {
        const { children, subject } = links.get(version.digest);
        for (const target of [...children, ...(subject ? [subject] : [])]) {
            if (doomedDigests.has(target) && target !== version.digest)
                referencedBy.get(target).push(version.digest);
        }
    }
    const level = new Map();
    const levelOf = (digest, path) => {
        const known = level.get(digest);
        if (known !== undefined)
            return known;
        // Content addressing rules out cycles; a malformed manifest claiming one just gets no order.
        if (path.has(digest))
            return 0;
        path.add(digest);
        const parents = referencedBy.get(digest);
        const value = parents.length ? 1 + Math.max(...parents.map(p => levelOf(p, path))) : 0;
        path.delete(digest);
        level.set(digest, value);
        return value;
    };
    const batches = [];
    for (const version of doomed) {
        const parents = referencedBy.get(version.digest);
        const why = parents.length
            ? `untagged; referenced only by versions deleted too (${parents.map(shortDigest).join(', ')})`
            : 'untagged, and no tagged or recent version references it';
        const batch = levelOf(version.digest, new Set());
        (batches[batch] ??= []).push({ version, ageMs: ageOf(version), why });
    }
    return batches.filter(Boolean);
}
/** `45 s`, `12 min`, `30 h`, `3 d`: an age as the summary shows it (whole units, rounded down; hours up to 2 d). */
function formatAge(ms) {
    const seconds = Math.floor(ms / 1000);
    if (seconds < 60)
        return `${seconds} s`;
    if (seconds < 3600)
        return `${Math.floor(seconds / 60)} min`;
    if (seconds < 2 * 86400)
        return `${Math.floor(seconds / 3600)} h`;
    return `${Math.floor(seconds / 86400)} d`;
}

;// CONCATENATED MODULE: ./src/action/summary.ts





/** The job summary of a build step: the platform, the runner, what was pushed and how long it took. */
function buildSummary(result, facts) {
    const rows = [summary_header('Platform', 'Runner', 'Digest', 'Manifest size', 'Time')];
    const platform = formatPlatform(result.platform);
    const time = duration(facts.durationMs);
    if (result.pushed) {
        rows.push([platform, facts.runner, summary_code(result.pushed.digest), bytes(result.pushed.size), time]);
    }
    else
        rows.push([platform, facts.runner, 'not pushed', '', time]);
    return { heading: `Built ${platform}`, rows, refs: result.archRefs };
}
/** The job summary of a merge: the index, each platform with its digest and size, and every ref published. */
function mergeSummary(result) {
    const rows = [summary_header('Platform', 'Digest', 'Manifest size', 'From')];
    const kind = isDockerMediaType(result.index.mediaType) ? 'Docker manifest list' : 'OCI image index';
    rows.push(['index', summary_code(result.digest), bytes(result.index.bytes.length), kind]);
    for (const child of result.index.manifests) {
        const source = result.sources.find(s => s.image.digest === child.digest || s.attestations.some(a => a.digest === child.digest));
        const platform = isAttestation(child)
            ? `${referenceKind(child)} of ${source ? formatPlatform(source.platform) : '?'}`
            : formatPlatform(child.platform);
        rows.push([platform, summary_code(child.digest), bytes(child.size), source?.origin ?? '']);
    }
    const notes = [
        ...result.leftOut.map(p => `Published without ${formatPlatform(p)}: an optional platform with no image.`),
        ...result.kept.map(ref => `Kept ${ref}: it points at a newer index, so it was not moved.`),
    ];
    return { heading: `Published index ${result.digest}`, rows, refs: result.refs, notes };
}
/** `attestation` for buildx's attestation manifests; any other reference type as the builder named it. */
function referenceKind(child) {
    const type = child.annotations?.[AttestationAnnotation.ReferenceType];
    return type === AttestationAnnotation.AttestationManifest ? 'attestation' : (type ?? 'attestation');
}
/** The runner as the summary names it: GitHub's `RUNNER_NAME` and the hosted image's `ImageOS`. */
function runnerName(env) {
    const { RUNNER_NAME: name, ImageOS: image } = env;
    return name && image ? `${name} (${image})` : (name ?? image ?? '');
}
function summary_header(...cells) {
    return cells.map(data => ({ data, header: true }));
}
function summary_code(text) {
    return { code: text };
}
function bytes(size) {
    return size < 1024
        ? `${size} B`
        : size < 1024 * 1024
            ? `${(size / 1024).toFixed(1)} KiB`
            : `${(size / 1024 / 1024).toFixed(1)} MiB`;
}
/** `8.4 s`, `3 min 07 s`. */
function duration(ms) {
    const seconds = ms / 1000;
    if (seconds < 60)
        return `${seconds.toFixed(1)} s`;
    const whole = Math.round(seconds);
    return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}
/** The job summary of a prune: every version deleted (or that would be) and every version kept, with why. */
function pruneSummary(result) {
    const rows = [summary_header('Image', 'Digest', 'Tags', 'Age', 'Decision', 'Why')];
    let planned = 0;
    for (const image of result.images) {
        const name = formatRepository(image.repository);
        if (!image.plan) {
            rows.push([name, '', '', '', 'not pruned', image.skipped ?? '']);
            continue;
        }
        for (const deletion of image.plan.deletions.flat()) {
            planned++;
            const done = result.dryRun
                ? 'would delete'
                : image.deleted.includes(deletion.version.digest)
                    ? 'deleted'
                    : 'not deleted';
            rows.push([name, summary_code(deletion.version.digest), '', formatAge(deletion.ageMs), done, deletion.why]);
        }
        for (const kept of image.plan.kept) {
            rows.push([
                name,
                summary_code(kept.version.digest),
                kept.version.tags.join(', '),
                formatAge(kept.ageMs),
                'kept',
                kept.why,
            ]);
        }
    }
    const heading = result.dryRun
        ? `Dry run: ${planned} version(s) would be deleted`
        : `Pruned ${result.deleted.length} version(s)`;
    return { heading, rows, refs: [] };
}

;// CONCATENATED MODULE: ./src/action/build-mode.ts






/** The build mode: builds and pushes one platform, sets its outputs and writes the summary. */
async function buildMode(settings, shell) {
    const started = Date.now();
    const result = await withStep(settings, shell, context => runBuild(settings, {
        ...context,
        selectBuilder: choice => selectBuilder(choice, { logger: shell.logger }),
    }));
    shell.setOutput(Output.Platform, formatPlatform(result.platform));
    if (result.pushed) {
        shell.setOutput(Output.Digest, result.pushed.digest);
        shell.setOutput(Output.Image, result.image);
    }
    await shell.writeSummary(buildSummary(result, { runner: runnerName(shell.env), durationMs: Date.now() - started }));
}

;// CONCATENATED MODULE: ./src/core/semver.ts
// Numeric parts without leading zeros; identifiers of [0-9A-Za-z-]. A leading `v` is how git tags spell it.
const Numeric = '0|[1-9]\\d*';
const Identifier = `(?:${Numeric}|\\d*[A-Za-z-][0-9A-Za-z-]*)`;
const SemVerPattern = new RegExp(`^v?(${Numeric})\\.(${Numeric})\\.(${Numeric})(?:-(${Identifier}(?:\\.${Identifier})*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`);
/** Parses `1.4.3`, `v2.0.0-rc.1`, `1.0.0+build.5`; undefined for anything else (`1.4`, `latest`, `main`). */
function parseSemVer(text) {
    const match = SemVerPattern.exec(text.trim());
    if (!match)
        return undefined;
    return {
        major: match[1],
        minor: match[2],
        patch: match[3],
        prerelease: match[4] ? match[4].split('.') : [],
    };
}
/** Semver precedence: negative when `a` is older than `b`, 0 when equal, positive when newer. */
function compareSemVer(a, b) {
    for (const key of ['major', 'minor', 'patch']) {
        const order = compareNumeric(a[key], b[key]);
        if (order)
            return order;
    }
    // A pre-release is older than its release.
    if (!a.prerelease.length || !b.prerelease.length)
        return b.prerelease.length - a.prerelease.length;
    for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
        const order = compareIdentifier(a.prerelease[i], b.prerelease[i]);
        if (order)
            return order;
    }
    return a.prerelease.length - b.prerelease.length;
}
// Digit strings without leading zeros: longer is larger, so no precision is lost on huge numbers.
function compareNumeric(a, b) {
    return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
function compareIdentifier(a, b) {
    const aNumeric = /^\d+$/.test(a);
    const bNumeric = /^\d+$/.test(b);
    if (aNumeric && bNumeric)
        return compareNumeric(a, b);
    // Numeric identifiers are older than alphanumeric ones; alphanumeric compare in ASCII order.
    if (aNumeric !== bNumeric)
        return aNumeric ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/core/tag-order.ts

/** The index annotations that say which of two indexes is newer: the version first, then the creation time. */
const OrderAnnotation = {
    Version: 'org.opencontainers.image.version',
    Created: 'org.opencontainers.image.created',
};
/** How the merge treats a tag that holds another index: `forward` keeps a newer one there, `always` moves it. */
const TagPolicies = ['forward', 'always'];
// RFC 3339 date-time: a date, a time, and a zone (Z or an offset); fractions of a second allowed.
const Rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
/**
 * Compares by `org.opencontainers.image.version` when both are semver and differ, else by
 * `org.opencontainers.image.created` when both are RFC 3339 times. Same version and no times: the same age.
 */
function compareIndexes(ours, theirs) {
    const versions = sides(ours, theirs, OrderAnnotation.Version);
    const parsed = versions.map(v => (v === undefined ? undefined : parseSemVer(v)));
    const byVersion = parsed[0] && parsed[1] ? Math.sign(compareSemVer(parsed[0], parsed[1])) : undefined;
    const describeVersion = (i) => `version ${versions[i]}`;
    if (byVersion)
        return ordered(byVersion, 'version', versions.map((_, i) => describeVersion(i)));
    const times = sides(ours, theirs, OrderAnnotation.Created);
    const ms = times.map(t => (t !== undefined && Rfc3339.test(t) ? Date.parse(t) : NaN));
    if (!Number.isNaN(ms[0]) && !Number.isNaN(ms[1])) {
        const labels = times.map(t => `created ${t}`);
        return ordered(Math.sign(ms[0] - ms[1]), 'created', labels);
    }
    if (byVersion === 0)
        return ordered(0, 'version', [describeVersion(0), describeVersion(1)]);
    return {
        why: `${lacking(versions, parsed.map(Boolean), OrderAnnotation.Version, 'semver')}, and ` +
            `${lacking(times, ms.map(t => !Number.isNaN(t)), OrderAnnotation.Created, 'an RFC 3339 time')}`,
    };
}
function sides(ours, theirs, key) {
    return [ours.annotations[key], theirs.annotations[key]];
}
function ordered(order, basis, labels) {
    return { order, basis, ours: labels[0], theirs: labels[1] };
}
// Says which side lacks a usable value: "the index the tag holds has no org.opencontainers.image.version".
function lacking(values, usable, key, form) {
    const names = ['this index', 'the index the tag holds'];
    const parts = values.map((value, i) => usable[i]
        ? ''
        : value === undefined
            ? `${names[i]} has no ${key}`
            : `${names[i]}'s ${key} '${value}' is not ${form}`);
    if (values[0] === undefined && values[1] === undefined)
        return `neither index has ${key}`;
    return parts.filter(Boolean).join(' and ');
}
/**
 * Decides one tag. `held` is the index the tag points at now (undefined when the tag does not exist, or under
 * `always`, where nothing is asked). Only an index strictly newer than ours is kept: the same age moves, as
 * does one that cannot be compared.
 */
function planTag(ours, held, policy) {
    if (!held)
        return { action: 'move' };
    if (held.digest === ours.digest)
        return { action: 'in-place' };
    if (policy === 'always')
        return { action: 'move', held };
    const order = compareIndexes(ours, held);
    if (order.order !== undefined && order.order < 0)
        return { action: 'keep', held, order };
    return { action: 'move', held, order };
}

;// CONCATENATED MODULE: ./src/merge/publish.ts












/**
 * Where a publish has got to, kept up to date while it runs, so that a step cancelled mid-publish (SIGTERM) can
 * still say which tags moved.
 */
class PublishProgress {
    digest;
    /** Every `repository:tag` this publish moves or finds in place, once the tag phase has started. */
    refs = [];
    /** The refs known to point at the index now. */
    moved = new Set();
    /** The refs whose PUT is in flight, or failed without the registry telling where the tag points. */
    unknown = new Set();
    /** One line for the log: where the tags stand. */
    describe() {
        if (!this.digest || this.refs.length === 0 || (this.moved.size === 0 && this.unknown.size === 0))
            return 'No tag was moved: every tag still points where it did before this merge.';
        const notMoved = this.refs.filter(ref => !this.moved.has(ref) && !this.unknown.has(ref));
        const unknown = this.unknown.size ? ` Outcome unknown: ${[...this.unknown].join(', ')}.` : '';
        return (`Tags moved to ${this.digest}: ${this.refs.filter(ref => this.moved.has(ref)).join(', ') || 'none'}.` +
            `${unknown} Not moved: ${notMoved.join(', ') || 'none'}.`);
    }
}
/**
 * Publishes the index to every target in three phases, so no tag moves unless the whole index can land:
 * 1. every child manifest exists in every target (an existence check, else a mount or a streamed copy), and a
 *    child a record names is what the record says (size and media type as the registry reports them); in the
 *    same round, under `forward`, a HEAD per tag says where it points now (then one GET per other index held);
 * 2. the index is stored in every target where no tag holds it yet: with one such target by its first tag's PUT,
 *    sent alone (no tag moves unless it lands); with more, by digest in each (still no tag moved);
 * 3. each other tag that does not hold it, and holds nothing newer, is PUT. A failure here names the tags that
 *    moved; a re-run puts the same bytes and completes it. A re-run that finds every tag in place writes nothing.
 */
async function publishIndex(registry, index, sources, { targets, tags, policy }, { logger, reads = new RegistryReads(), progress = new PublishProgress() }) {
    const ours = { digest: sha256Digest(index.bytes), annotations: index.annotations };
    const refs = targets.flatMap(target => tags.map(tag => ({ target, tag, ref: `${formatRepository(target)}:${tag}` })));
    const plans = new Map();
    const action = (ref) => plans.get(ref).action;
    let lead;
    try {
        const asked = policy === 'forward' ? refs : [];
        const held = await checkChildrenAndTags(registry, sources, targets, asked, ours, { logger, reads });
        for (const { ref } of refs)
            plans.set(ref, planTag(ours, held.get(ref), policy));
        lead = await storeIndex(registry, index, ours.digest, targets, refs, action);
    }
    catch (error) {
        throw new Error(`${error.message}\nNo tag was moved: every tag still points where it did before this merge.`, { cause: error });
    }
    const published = refs.filter(({ ref }) => action(ref) !== 'keep');
    progress.digest = ours.digest;
    progress.refs = published.map(r => r.ref);
    for (const { ref } of refs)
        reportPlan(ref, ours, plans.get(ref), logger, progress);
    const moving = published.filter(({ ref }) => action(ref) === 'move');
    if (published.length && !moving.length)
        logger.info(`Every tag already points at ${ours.digest}: nothing was written.`);
    await moveTags(registry, index, ours.digest, moving, lead, logger, progress);
    const kept = refs.filter(({ ref }) => action(ref) === 'keep').map(r => r.ref);
    return { digest: ours.digest, refs: progress.refs, kept };
}
/**
 * Phase 1: every child in every target, and where each of `refs` points now, in one parallel round; then the
 * annotations of each other index a tag holds, one GET per distinct digest (none for a tag holding ours).
 */
async function checkChildrenAndTags(registry, sources, targets, refs, ours, { logger, reads }) {
    const children = distinctChildren(sources);
    const work = [
        ...targets.flatMap(target => children.map(child => ({ target, child }))),
        ...refs.map(tagRef => ({ target: tagRef.target, tagRef })),
    ];
    const heads = new Map();
    // Mostly HEADs, all in one round; a copy among them sends its writes through the client's per-host slots.
    await mapLimit(work, DefaultChecksPerHost, async (job) => {
        if ('child' in job)
            return ensureChild(registry, job.child, job.target, { logger, reads });
        const found = await registry.headManifest(job.target, job.tagRef.tag);
        if (found)
            heads.set(job.tagRef.ref, { target: job.target, digest: found.digest });
    });
    const others = [...heads.values()].filter(head => head.digest !== ours.digest);
    const distinct = [...new Map(others.map(head => [head.digest, head])).values()];
    const annotations = new Map([[ours.digest, ours.annotations]]);
    await mapLimit(distinct, DefaultRequestsPerHost, async ({ target, digest }) => {
        const { bytes } = await registry.getManifest(target, digest);
        annotations.set(digest, parseManifestAnnotations(bytes, `${formatRepository(target)}@${digest}`));
    });
    return new Map([...heads].map(([ref, { digest }]) => [ref, { digest, annotations: annotations.get(digest) }]));
}
/**
 * Phase 2: the index must be in every target before a second tag moves; returns the tag whose PUT must land
 * first and alone, if any. A tag that holds the index already proves a target stores it. With one target
 * lacking it, that target's first tag PUT stores it (under its digest too) as surely as a PUT by digest would,
 * so it goes first and no request is spent on the digest; with more, each gets the index by digest first.
 */
async function storeIndex(registry, index, digest, targets, refs, action) {
    const missing = targets.filter(t => !refs.some(r => r.target === t && action(r.ref) === 'in-place'));
    const lead = missing.length === 1 ? refs.find(r => r.target === missing[0] && action(r.ref) === 'move') : undefined;
    if (lead)
        return lead;
    // putManifest checks the registry's answer against the digest of the bytes it sent.
    await mapLimit(missing, DefaultRequestsPerHost, async (target) => {
        await registry.putManifest(target, digest, index.bytes, index.mediaType);
    });
    return undefined;
}
/** Logs what happens to a tag that is not simply moved; a tag already in place counts as published. */
function reportPlan(ref, ours, plan, logger, progress) {
    if (plan.action === 'in-place') {
        progress.moved.add(ref);
        logger.info(`${ref} already points at ${ours.digest}: not written again.`);
    }
    else if (plan.action === 'keep') {
        logger.warning(`Kept ${ref} at ${plan.held.digest} (${plan.order.theirs}): it is newer than this index ${ours.digest} ` +
            `(${plan.order.ours}). Set ${inputName(Input.TagPolicy)} to always to move it anyway.`);
    }
    else if (plan.held && plan.order && plan.order.order === undefined) {
        logger.info(`Moving ${ref} from ${plan.held.digest} without comparing the two: ${plan.order.why}.`);
    }
}
/** Phase 3: PUT every tag; on failure, report truthfully which tags point at the index now. */
async function moveTags(registry, index, digest, refs, lead, logger, progress) {
    // PUTs that failed without an HTTP answer: the only ones whose outcome is unknown.
    const unanswered = [];
    const put = async (tagRef) => {
        progress.unknown.add(tagRef.ref);
        try {
            await putTag(registry, index, digest, tagRef, logger, tagRef === lead);
            progress.moved.add(tagRef.ref);
        }
        catch (error) {
            if (!registryErrorOf(error))
                unanswered.push(tagRef);
            throw error;
        }
        finally {
            progress.unknown.delete(tagRef.ref);
        }
    };
    try {
        // The lead tag stores the index (phase 2): no other tag moves unless it has landed.
        if (lead)
            await put(lead);
        await mapLimit(refs.filter(tagRef => tagRef !== lead), DefaultRequestsPerHost, put);
    }
    catch (error) {
        // A PUT that got no answer (a connection dropped after the registry applied it) leaves the outcome unknown:
        // ask where each such tag points before saying it did not move. An HTTP answer is the registry's word.
        await mapLimit(unanswered, DefaultRequestsPerHost, async ({ target, tag, ref }) => {
            const now = await registry.headManifest(target, tag).catch(() => null);
            if (now === null)
                progress.unknown.add(ref);
            else if (now?.digest === digest)
                progress.moved.add(ref);
        });
        throw new Error(`${error.message}\n${progress.describe()} Re-run the merge: the index is the same, so it completes the rest.`, { cause: error });
    }
}
/**
 * PUTs one tag. A registry that refuses to overwrite an existing tag (ECR immutable repositories answer 400
 * `TAG_INVALID`, Harbor's immutability rules, Artifactory) is asked where the tag points: when that is this
 * index already, the tag is published; otherwise the error names the digest the tag holds. Registries that
 * accept the PUT pay no extra request.
 */
async function putTag(registry, index, digest, { target, tag, ref }, logger, lead = false) {
    try {
        await registry.putManifest(target, tag, index.bytes, index.mediaType);
        logger.info(`Tagged ${ref}`);
    }
    catch (error) {
        const answer = finalRefusalOf(error);
        if (!answer)
            throw error;
        const held = await registry.headManifest(target, tag).catch(() => undefined);
        if (!held)
            throw error;
        if (held.digest === digest) {
            logger.info(`Tagged ${ref}: it already points at ${digest} (the registry refused to write it again: HTTP ${answer.status}${answer.codes.length ? ` ${answer.codes.join(', ')}` : ''})`);
            return;
        }
        // The lead tag's PUT is the first the registry sees of the index: a refusal of the index itself (denied,
        // invalid, children unknown) must be told apart from a refusal to move the tag. The index by digest says
        // which, and its own error, with its hints, stands when it is refused too.
        if (lead)
            await registry.putManifest(target, digest, index.bytes, index.mediaType);
        throw new Error(`${ref} holds ${held.digest} and ${target.registry} refused to move it to ${digest} (HTTP ${answer.status}` +
            `${answer.codes.length ? `, ${answer.codes.join(', ')}` : ''}): the repository refuses to overwrite existing tags ` +
            `(tag immutability). Publish under a new tag, or allow overwrites for this tag on the registry. The registry said: ${answer.message}`, { cause: error });
    }
}
async function ensureChild(registry, { source, descriptor }, target, { logger, reads }) {
    if (sameRepository(source.repository, target)) {
        // Read from this very repository moments ago (a `digests` entry, a platform check): the registry's answer
        // then serves as the existence check.
        const found = reads.manifest(target, descriptor.digest)?.descriptor ??
            (await registry.headManifest(target, descriptor.digest, { pushed: true }));
        if (found)
            return checkAgainstRecord(descriptor, found, source, target);
        throw new Error(`${formatRepository(target)}@${descriptor.digest} (from ${source.origin}) was not found. ` +
            `The build step that pushed it may have failed, or pushed to another registry.`);
    }
    try {
        const from = registrySource(registry, source.repository, reads);
        await copyManifest(registry, from, descriptor, target, { logger });
    }
    catch (error) {
        throw new Error(`Copying ${descriptor.digest} (from ${source.origin}) from ${formatRepository(source.repository)} to ${formatRepository(target)} failed: ${error.message}`, { cause: error });
    }
}
/**
 * A record is a claim: the registry's answer to the existence check already says the size and media type, so
 * a record that differs (containerd would fail every pull of a wrong size) costs nothing to catch.
 */
function checkAgainstRecord(recorded, found, source, target) {
    const differences = [
        found.digest !== recorded.digest && `digest ${found.digest}, not ${recorded.digest}`,
        found.size !== recorded.size && `size ${found.size} bytes, not ${recorded.size}`,
        found.mediaType !== recorded.mediaType && `media type ${found.mediaType}, not ${recorded.mediaType}`,
    ].filter(Boolean);
    if (differences.length) {
        throw new Error(`${source.origin} does not match the registry: ${formatRepository(target)}@${recorded.digest} has ${differences.join('; ')}. ` +
            `The record was changed after the build step wrote it, or names another image; nothing was published.`);
    }
}

;// CONCATENATED MODULE: ./src/core/selection.ts

/**
 * Chooses the records that belong to this merge: for these images, from this run, and per platform only the
 * newest attempt not after the merge's own (re-running a failed leg writes a second record; only the newest
 * counts, so attempts never mix). Two different records of one attempt for one platform are an error.
 */
function selectRecords(records, images, run) {
    const wanted = new Set(images.map(formatRepository));
    const ignored = [];
    const candidates = [];
    for (const at of records) {
        const { record } = at;
        if (!record.images.some(image => wanted.has(image))) {
            ignored.push({ source: at.source, reason: `it is for ${record.images.join(', ')}` });
            continue;
        }
        if (run.id && record.run.id && record.run.id !== run.id) {
            ignored.push({
                source: at.source,
                reason: `it is from workflow run ${record.run.id}, this is run ${run.id}`,
            });
            continue;
        }
        candidates.push(at);
    }
    const { newest, skipped } = newestAttempts(candidates, run.attempt, at => at.record);
    for (const { item, reason } of skipped)
        ignored.push({ source: item.source, reason });
    const selected = [];
    for (const list of newest) {
        const platform = list[0].record.platform;
        const current = uniqueByDigest(list);
        if (current.length > 1) {
            throw new Error(`Two digest records for ${platform} in one attempt: ` +
                current.map(at => `${at.record.digest} (${at.source})`).join(' and ') +
                `. Each platform may be built once per run; check the matrix for duplicate platforms.`);
        }
        selected.push(current[0]);
    }
    return { selected, ignored };
}
/**
 * Per platform, the items of the newest attempt not after `attempt` (0: any), grouped by platform: a re-run leg
 * supersedes its earlier attempt, so attempts never mix. The rest come back with the reason, as the log says it.
 * The merge's record selection and the artifact hand-off (which skips downloading the rest) both use it.
 */
function newestAttempts(items, attempt, of) {
    const skipped = [];
    const byPlatform = new Map();
    for (const item of items) {
        const { platform, run } = of(item);
        if (attempt && run.attempt > attempt) {
            skipped.push({ item, reason: `it is from attempt ${run.attempt}, after this attempt ${attempt}` });
            continue;
        }
        byPlatform.set(platform, [...(byPlatform.get(platform) ?? []), item]);
    }
    const newest = [];
    for (const list of byPlatform.values()) {
        const latest = Math.max(...list.map(item => of(item).run.attempt));
        for (const item of list.filter(item => of(item).run.attempt < latest)) {
            skipped.push({ item, reason: `attempt ${of(item).run.attempt} was superseded by attempt ${latest}` });
        }
        newest.push(list.filter(item => of(item).run.attempt === latest));
    }
    return { newest, skipped };
}
function uniqueByDigest(list) {
    const seen = new Map();
    for (const at of list)
        if (!seen.has(at.record.digest))
            seen.set(at.record.digest, at);
    return [...seen.values()];
}

;// CONCATENATED MODULE: ./src/merge/sources.ts












/**
 * The records of this run for these images, as platform sources. Records were checked against their image
 * configs by the build step, so they cost no request here; the publish step's existence checks verify them.
 */
async function sourcesFromRecords(settings, transport, registry, logger, reads) {
    const { selected, ignored } = selectRecords(await transport.list(), settings.images, settings.run);
    const skipped = ignored.map(({ source, reason }) => `Skipped digest record ${source}: ${reason}.`);
    logSkipped(logger, skipped, 'digest records');
    const wanted = new Set(settings.images.map(formatRepository));
    const sources = selected.map(({ record, source }) => {
        const image = record.manifests.find(m => !isAttestation(m));
        // Only repositories the user listed are read from: a record cannot point the merge elsewhere.
        const repository = parseRepository(record.images.find(i => wanted.has(i)), `Digest record ${source}`);
        return {
            platform: parsePlatform(record.platform, `Digest record ${source}`),
            image,
            attestations: record.manifests.filter(isAttestation),
            repository,
            origin: source,
        };
    });
    if (settings.verifyPlatforms) {
        await mapLimit(sources, DefaultRequestsPerHost, source => checkRecordPlatform(registry, source, reads));
        logger.info(`Checked the platform of ${sources.length} record(s) against their image configs.`);
    }
    return sources;
}
/** The record's platform is the build step's word; here the image config, what clients trust, is read. */
async function checkRecordPlatform(registry, source, reads) {
    const content = registrySource(registry, source.repository, reads);
    await inspectImage(content, source.image, source.origin, source.platform);
}
/**
 * Sources named in `digests`: resolved and checked against their image configs, since no build step did. An
 * entry by digest that a record already names is that record's image (a digest names its bytes): the record's
 * source stands for both, and is checked against its config as the entry would have been (once, with what the
 * merge reads anyway, unless `verify-platforms` checked every record already).
 */
async function sourcesFromDigests(settings, registry, { fromRecords, reads, logger, }) {
    const recorded = new Map(fromRecords.map(source => [source.image.digest, source]));
    const named = settings.digests.map(entry => ({
        entry,
        record: entry.reference.digest ? recorded.get(entry.reference.digest) : undefined,
    }));
    const stoodFor = named.filter(n => n.record).map(n => ({ text: n.entry.text, record: n.record }));
    await mapLimit(stoodFor, DefaultRequestsPerHost, async ({ text, record }) => {
        logger.info(`${inputLabel(Input.Digests)} entry '${text}' is the image of ${record.origin}: used once.`);
        if (!settings.verifyPlatforms)
            await checkRecordPlatform(registry, record, reads);
    });
    const entries = named.filter(n => !n.record).map(n => n.entry);
    return mapLimit(entries, DefaultRequestsPerHost, entry => resolveDigestSource(entry, registry, reads));
}
async function resolveDigestSource({ text, reference }, registry, reads) {
    const where = `${inputLabel(Input.Digests)} entry '${text}'`;
    const repository = reference.repository;
    const ref = reference.digest ?? reference.tag;
    // The registry's own errors (denied, too large, not JSON, gave up) do not know which entry asked: every
    // registry read is named here; inspectImage names its own findings with `where`.
    const named = (read) => read.catch(error => {
        throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    // One GET, not a HEAD and then a GET: the bytes are needed anyway, and a GET counts one pull as the HEAD
    // and GET did (Docker Hub counts the GET alone).
    const manifest = await named(registry.getManifest(repository, ref).catch(error => {
        if (registryErrorOf(error)?.status === 404)
            return undefined;
        throw error;
    }));
    if (!manifest) {
        throw new Error(`${where}: ${formatReference(reference)} was not found. Check the digest or tag and that it was pushed to ${formatRepository(repository)}.`);
    }
    const { descriptor } = manifest;
    reads.keepManifest(repository, manifest);
    const source = registrySource(registry, repository, reads);
    const inspected = await inspectImage({
        ...source,
        readManifest: d => named(source.readManifest(d)),
        openBlob: (d, options) => named(source.openBlob(d, options)),
    }, descriptor, where);
    return { ...inspected, repository, origin: where };
}

;// CONCATENATED MODULE: ./src/merge/merge-step.ts








/**
 * Collects the platform sources, checks them, composes the index and publishes it. Every check runs before
 * the first write, so bad input publishes nothing.
 */
async function runMerge(settings, context) {
    const { registry, transport, logger, group } = context;
    let leftOut = [];
    // Manifests and configs read while collecting are not read again while publishing.
    const reads = new RegistryReads();
    const sources = await group('Collect platform images', async () => {
        // Records first: a broken hand-off should fail before any registry is asked about `digests`.
        const fromRecords = await sourcesFromRecords(settings, transport, registry, logger, reads);
        const fromDigests = await sourcesFromDigests(settings, registry, { fromRecords, reads, logger });
        const all = [...fromRecords, ...fromDigests];
        if (all.length === 0)
            throw new Error(nothingToMerge(settings));
        leftOut = checkPlatforms(all, settings.platforms, { label: inputLabel(Input.Platforms), name: inputName(Input.Platforms) }, settings.optionalPlatforms);
        for (const s of all)
            logger.info(`${formatPlatform(s.platform)}: ${s.image.digest} (${s.origin})`);
        if (leftOut.length)
            logger.warning(leftOutWarning(leftOut));
        return all;
    });
    const index = composeIndex(sources, settings.annotations);
    const published = await group('Publish the index', () => publishIndex(registry, index, sources, { targets: settings.images, tags: settings.tags, policy: settings.tagPolicy }, { logger, reads, progress: context.progress }));
    // The transport keeps them when asked to (keep-artifacts).
    await transport.cleanup();
    return { ...published, index, sources, leftOut };
}
/** The warning for optional platforms that have no image: their legs failed or did not run. */
function leftOutWarning(leftOut) {
    return (`Publishing without ${leftOut.map(formatPlatform).join(', ')}: no image was found for ` +
        `${leftOut.length > 1 ? 'these optional platforms' : 'this optional platform'} (${inputPhrase(Input.OptionalPlatforms)}); ` +
        `its build may have failed. The index holds the other platforms.`);
}
/** Says where records were looked for, since an empty hand-off is nearly always a path or a name that differs. */
function nothingToMerge(settings) {
    const images = settings.images.map(formatRepository).join(', ');
    const digests = inputName(Input.Digests);
    if (!settings.digestsPath && !settings.artifacts) {
        return (`Nothing to merge: ${digests} is empty and no records directory was given (${inputName(Input.DigestsPath)}). ` +
            `Name the images to merge in ${digests} (e.g. ${settings.images[0] ? formatRepository(settings.images[0]) : 'registry/app'}:amd64-latest), ` +
            `or point ${inputName(Input.DigestsPath)} at the build steps' digest records.`);
    }
    const where = settings.digestsPath
        ? `in '${settings.digestsPath}' (${inputPhrase(Input.DigestsPath)})`
        : `among this workflow run's artifacts`;
    const fix = settings.digestsPath
        ? `Point ${inputName(Input.DigestsPath)} at the directory the build steps wrote their records to (or where download-artifact put them)`
        : `Check that the build jobs ran in this run and that the merge job 'needs' them`;
    return (`Nothing to merge: no digest record for ${images} was found ${where}, and ${inputPhrase(Input.Digests)} is empty. ` +
        `${fix}, and give build and merge the same ${inputName(Input.Images)}${settings.handoffKey ? ` and ${inputName(Input.HandoffKey)}` : ''}.`);
}

;// CONCATENATED MODULE: ./src/github/packages.ts
/**
 * GitHub's REST API for container package versions: the one place where GitHub's container registry lists its
 * untagged manifests, which the registry API itself never does. Every request is retried like a registry's.
 */







const PageSize = 100;
/** The package API's client; the owner's kind (organisation or user) is learnt per owner on first use. */
function githubPackagesApi(options) {
    const logger = options.logger ?? silentLogger;
    const call = (method, url, ok) => apiCall(options, method, url, ok);
    const ownerKinds = new Map();
    /** `/orgs/{owner}/packages/container/{name}/versions`, or `/users/...` for a personal account. */
    async function versionsUrl(repository) {
        const { owner, name } = packageOf(repository);
        let kind = ownerKinds.get(owner);
        if (!kind) {
            kind = ownerKind(owner);
            ownerKinds.set(owner, kind);
        }
        return new URL(`${options.apiUrl}/${await kind}/${encodeURIComponent(owner)}/packages/container/${encodeURIComponent(name)}/versions`);
    }
    /** GitHub says whether an account is an organisation or a user. */
    async function ownerKind(owner) {
        const { body } = await call('GET', new URL(`${options.apiUrl}/users/${encodeURIComponent(owner)}`), [200]);
        return isObject(body) && body.type === 'Organization' ? 'orgs' : 'users';
    }
    /** Every page: GitHub's Link headers lead when sent; otherwise a short page is the last. */
    async function listAll(repository) {
        const base = await versionsUrl(repository);
        const versions = [];
        let url = new URL(`${base}?per_page=${PageSize}&page=1`);
        for (let page = 1; url; page++) {
            const answer = await call('GET', url, [200]);
            if (!Array.isArray(answer.body))
                throw new Error(`GitHub API GET ${url.pathname}: the answer is not a list of versions.`);
            const where = (i) => `${formatRepository(repository)} version ${versions.length + i + 1}`;
            // A version pushed while listing shifts the newest-first pages: one may come twice.
            const seen = new Set(versions.map(v => v.id));
            versions.push(...answer.body.map((item, i) => parseVersion(item, where(i))).filter(v => !seen.has(v.id)));
            const full = answer.body.length === PageSize;
            url = answer.next ?? (full ? new URL(`${base}?per_page=${PageSize}&page=${page + 1}`) : undefined);
        }
        logger.info(`${formatRepository(repository)}: ${versions.length} package version(s) listed`);
        return versions;
    }
    return {
        async list(repository) {
            return listAll(repository).catch(error => {
                throw explain(error, repository);
            });
        },
        async remove(repository, version) {
            try {
                await call('DELETE', new URL(`${await versionsUrl(repository)}/${version.id}`), [204, 404]);
            }
            catch (error) {
                throw explain(error, repository);
            }
        },
    };
}
/** One request with retries: 5xx, 429 and dropped connections are tried again; other failures are not. */
async function apiCall(options, method, url, ok) {
    const logger = options.logger ?? silentLogger;
    const target = { host: url.host, method, path: url.pathname + url.search };
    const retry = {
        ...options.retry,
        onRetry: (error, attempt, delayMs) => logger.info(`${describeError(error)}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1})`),
    };
    return withRetry(target, retry, async () => {
        const response = await fetch(url, {
            method,
            headers: {
                Accept: 'application/vnd.github+json',
                Authorization: `Bearer ${options.token}`,
                'X-GitHub-Api-Version': '2022-11-28',
                'User-Agent': 'native-multiarch',
            },
            redirect: 'error',
            signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
        });
        const text = await response.text();
        const what = `GitHub API ${method} ${url.pathname}${url.search}`;
        if (isRetryableStatus(response.status)) {
            const retryAfter = parseRetryAfter(response.headers.get('retry-after') ?? undefined, Date.now());
            throw new HttpStatusError(`${what} answered HTTP ${response.status}${said(text)}`, response.status, retryAfter);
        }
        if (!ok.includes(response.status))
            throw new ApiError(what, response.status, text);
        const body = text ? JSON.parse(text) : undefined;
        return {
            status: response.status,
            body,
            next: nextPage(response.headers.get('link'), new URL(options.apiUrl).origin),
        };
    });
}
/** The package of an image on GitHub's registry: `ghcr.io/acme/app/web` is package `app/web` of `acme`. */
function packageOf(repository) {
    const slash = repository.path.indexOf('/');
    if (slash < 0) {
        throw new Error(`${inputLabel(Input.Images)}: ${formatRepository(repository)} names no owner; GitHub's registry takes ${repository.registry}/OWNER/NAME.`);
    }
    return { owner: repository.path.slice(0, slash), name: repository.path.slice(slash + 1) };
}
/** An answer GitHub gave that is not a success and not worth retrying. */
class ApiError extends Error {
    status;
    constructor(what, status, text) {
        super(`${what} answered HTTP ${status}${said(text)}`);
        this.status = status;
    }
}
/** What the token needs, when GitHub refused it or hid the package. */
function explain(error, repository) {
    const message = describeError(error);
    if (!(error instanceof ApiError) || ![401, 403, 404].includes(error.status))
        return new Error(message, { cause: error });
    return new Error(`${message}. Check that ${formatRepository(repository)} is a package GitHub's API serves and that input ` +
        `'${Input.GithubToken}' can reach it: the job needs 'permissions: packages: write' (read is enough for a dry run), ` +
        `or a token with read:packages and delete:packages.`, { cause: error });
}
function said(text) {
    try {
        const body = JSON.parse(text);
        if (isObject(body) && typeof body.message === 'string')
            return ` (${body.message})`;
    }
    catch {
        // Not JSON: nothing more to say.
    }
    return '';
}
/** The `rel="next"` URL of a Link header, when it stays on the API's origin (the token goes nowhere else). */
function nextPage(link, origin) {
    for (const part of (link ?? '').split(',')) {
        const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
        if (!match)
            continue;
        const url = new URL(match[1]);
        return url.origin === origin ? url : undefined;
    }
    return undefined;
}
/** One version of the API's answer, checked: a bad one stops the prune rather than being guessed at. */
function parseVersion(item, where) {
    const invalid = (why) => new Error(`GitHub API: ${where} ${why}.`);
    if (!isObject(item) || typeof item.id !== 'number')
        throw invalid('has no numeric id');
    if (typeof item.name !== 'string' || !isDigest(item.name))
        throw invalid(`is named '${String(item.name)}', not a digest`);
    const createdAt = Date.parse(String(item.created_at));
    const updatedAt = item.updated_at === undefined ? createdAt : Date.parse(String(item.updated_at));
    if (Number.isNaN(createdAt) || Number.isNaN(updatedAt))
        throw invalid('has no valid created_at');
    const container = isObject(item.metadata) && isObject(item.metadata.container) ? item.metadata.container : {};
    const tags = Array.isArray(container.tags)
        ? container.tags.filter((t) => typeof t === 'string')
        : [];
    return { id: item.id, digest: item.name, tags, createdAt, updatedAt };
}

;// CONCATENATED MODULE: ./src/prune/prune-step.ts







/** DELETEs to GitHub's API in flight at once: as many as a registry host gets, a pace its limits accept. */
const ApiDeletesAtOnce = DefaultRequestsPerHost;
/**
 * Prunes each image in two phases: first every supported image is listed, every version's manifest read and
 * the plan made, then the deletions run. Any failure in the first phase (an API page, a manifest that cannot
 * be read) stops everything before the first deletion.
 */
async function runPrune(images, options, context) {
    const { logger, group } = context;
    const now = (context.now ?? Date.now)();
    const results = [];
    let api;
    for (const repository of images) {
        const name = formatRepository(repository);
        if (!options.githubRegistryHosts.includes(repository.registry)) {
            const skipped = `${repository.registry} is not GitHub's container registry (${options.githubRegistryHosts.join(', ')}): ` +
                `its untagged content cannot be listed there, so nothing was pruned. Add the host to '${Input.GithubRegistryHosts}' if it is a GitHub Enterprise Server's.`;
            logger.info(`${name}: ${skipped}`);
            results.push({ repository, skipped, deleted: [] });
            continue;
        }
        if (!options.token) {
            throw new Error(`${inputLabel(Input.GithubToken)} is empty: pruning ${name} needs a token that may read and delete its package versions ('permissions: packages: write').`);
        }
        const packages = (api ??= context.packages(options));
        results.push(await group(`Plan the clean-up of ${name}`, () => planImage(repository, packages, options, now, context)));
    }
    for (const result of results) {
        const { plan, repository } = result;
        if (!plan || !api || options.dryRun || plan.deletions.length === 0)
            continue;
        const packages = api;
        await group(`Delete from ${formatRepository(repository)}`, () => deletePlanned(repository, plan, packages, result.deleted, logger));
    }
    return { images: results, dryRun: options.dryRun, deleted: results.flatMap(r => r.deleted) };
}
async function planImage(repository, api, options, now, { registry, logger }) {
    const name = formatRepository(repository);
    const versions = await api.list(repository).catch(error => {
        throw new Error(`Listing the versions of ${name} failed; nothing was deleted. ${error.message}`, {
            cause: error,
        });
    });
    if (!versions.some(v => v.tags.length)) {
        // With no tag to anchor the walk, everything would look unused: a listing without tags is not trusted.
        const skipped = `none of its ${versions.length} version(s) is tagged, so nothing shows what is in use; nothing was pruned.`;
        logger.warning(`${name}: ${skipped}`);
        return { repository, skipped, deleted: [] };
    }
    const links = await readLinks(repository, versions, registry);
    const plan = planPrune(versions, links, now, options.minAgeMs);
    for (const kept of plan.kept)
        logger.info(`Keep ${kept.version.digest}: ${kept.why}`);
    const verb = options.dryRun ? 'Would delete' : 'To delete';
    for (const deletion of plan.deletions.flat()) {
        logger.info(`${verb} ${deletion.version.digest} (${formatAge(deletion.ageMs)} old): ${deletion.why}`);
    }
    logger.info(`${name}: ${plan.kept.length} version(s) kept, ${plan.deletions.flat().length} ${options.dryRun ? 'would be' : 'to be'} deleted`);
    return { repository, plan, deleted: [] };
}
/** Every version's manifest, read from the registry; one that cannot be read stops the prune. */
async function readLinks(repository, versions, registry) {
    const links = new Map();
    await mapLimit(versions, DefaultRequestsPerHost, async (version) => {
        const where = `${formatRepository(repository)}@${version.digest}`;
        try {
            const manifest = await registry.getManifest(repository, version.digest);
            links.set(version.digest, parseManifestLinks(manifest.bytes, where));
        }
        catch (error) {
            throw new Error(`Reading ${where} failed, so what it references is unknown; nothing was deleted. ${error.message}`, { cause: error });
        }
    });
    return links;
}
/** Deletes batch after batch (referencing versions first); a failure names what was deleted already. */
async function deletePlanned(repository, plan, api, deleted, logger) {
    const name = formatRepository(repository);
    try {
        for (const batch of plan.deletions) {
            await mapLimit(batch, ApiDeletesAtOnce, async ({ version }) => {
                await api.remove(repository, version);
                deleted.push(version.digest);
                logger.info(`Deleted ${name}@${version.digest}`);
            });
        }
    }
    catch (error) {
        const total = plan.deletions.flat().length;
        throw new Error(`Deleting from ${name} failed after ${deleted.length} of ${total} deletion(s): ${error.message}. ` +
            `What is left is only unused versions; a later prune deletes them.`, { cause: error });
    }
}

;// CONCATENATED MODULE: ./src/action/prune-mode.ts






/** The prune mode on its own schedule. */
async function pruneMode(settings, shell) {
    // Reading manifests needs pull access only.
    await withRegistry(settings, [], shell, registry => prune(settings.images, settings.prune, registry, shell));
}
/** Prunes `images`, sets the `pruned` output and writes the summary (also after a merge with `prune: true`). */
async function prune(images, options, registry, shell) {
    const { logger, group } = shell;
    const result = await runPrune(images, options, {
        registry,
        packages: ({ apiUrl, token }) => githubPackagesApi({ apiUrl, token, ...registryTuning(shell.env), logger }),
        logger,
        group,
    });
    shell.setOutput(Output.Pruned, result.deleted.join('\n'));
    await shell.writeSummary(pruneSummary(result));
}

;// CONCATENATED MODULE: ./src/action/merge-mode.ts







/** The merge mode: publishes the index under the tags, sets the outputs and summary, then prunes if asked. */
async function mergeMode(settings, shell) {
    const progress = new PublishProgress();
    // The runner cancels a job with SIGTERM: say where the tags stand before going, as a failure would.
    const onCancel = () => {
        shell.logger.warning(`The merge was cancelled (SIGTERM) while publishing. ${progress.describe()}`);
        process.exit(143);
    };
    process.once('SIGTERM', onCancel);
    await withStep(settings, shell, async (context) => {
        const result = await runMerge(settings, { ...context, progress }).finally(() => process.off('SIGTERM', onCancel));
        shell.setOutput(Output.Digest, result.digest);
        shell.setOutput(Output.Refs, result.refs.join('\n'));
        shell.setOutput(Output.Kept, result.kept.join('\n'));
        shell.setOutput(Output.Platforms, result.sources.map(s => formatPlatform(s.platform)).join(','));
        await shell.writeSummary(mergeSummary(result));
        if (!settings.prune)
            return;
        // Only after a successful publish, with the outputs already set: a failed clean-up unpublishes nothing.
        await prune(settings.images, settings.prune, context.registry, shell).catch(error => {
            const published = `The index ${result.digest} was published; the clean-up after it failed`;
            throw new Error(`${published}: ${errorMessage(error)}`, { cause: error });
        });
    }).finally(() => process.off('SIGTERM', onCancel));
}

;// CONCATENATED MODULE: ./src/github/context.ts


/**
 * Reads the context of the current run: the variables, and the event payload at `GITHUB_EVENT_PATH`.
 * Undefined outside GitHub Actions. A payload that cannot be read is an error: tags would be derived wrongly.
 */
async function readGitHubContext(env) {
    if (env.GITHUB_ACTIONS !== 'true')
        return undefined;
    const path = env.GITHUB_EVENT_PATH;
    let payload = {};
    if (path) {
        try {
            payload = JSON.parse(await (0,promises_namespaceObject.readFile)(path, 'utf8'));
        }
        catch (error) {
            throw new Error(`Cannot read the event payload at GITHUB_EVENT_PATH '${path}': ${error.message}`);
        }
    }
    return parseGitHubContext(env, payload);
}
/** The context from the runner's variables and the event payload, as GitHub writes them. */
function parseGitHubContext(env, payload) {
    const event = asObject(payload);
    const repository = asObject(event.repository);
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const context = { eventName, ref: env.GITHUB_REF ?? '', sha: env.GITHUB_SHA ?? '' };
    if (env.GITHUB_REPOSITORY) {
        const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
        context.repositoryUrl = `${server}/${env.GITHUB_REPOSITORY}`;
    }
    if (typeof repository.default_branch === 'string')
        context.defaultBranch = repository.default_branch;
    const commitTime = utcTimestamp(asObject(event.head_commit).timestamp);
    if (commitTime)
        context.commitTime = commitTime;
    if (eventName === 'pull_request' || eventName === 'pull_request_target') {
        const number = event.number ?? asObject(event.pull_request).number;
        if (typeof number === 'number')
            context.pullRequest = number;
    }
    const release = asObject(event.release);
    if (eventName === 'release' && typeof release.tag_name === 'string') {
        context.release = { tag: release.tag_name, prerelease: release.prerelease === true };
    }
    return context;
}
/** `2021-10-21T23:47:22+02:00` as `2021-10-21T21:47:22Z`: one spelling per instant, so the index bytes are stable. */
function utcTimestamp(value) {
    if (typeof value !== 'string')
        return undefined;
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function asObject(value) {
    return isObject(value) ? value : {};
}

;// CONCATENATED MODULE: ./src/github/derive.ts
/** The OCI annotation keys derived from a run (image-spec `annotations.md`). */
const OciAnnotation = {
    Source: 'org.opencontainers.image.source',
    Revision: 'org.opencontainers.image.revision',
    Created: 'org.opencontainers.image.created',
    Version: 'org.opencontainers.image.version',
};
// semver.org's grammar, with the `v` prefix tags usually carry.
const SemVer = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
/**
 * The tags an index gets when the user names none, from the event that started the run:
 * - pull request (`pull_request`, `pull_request_target`): `pr-<number>`;
 * - release, or a pushed tag, that is semver (`v1.4.2`): `1.4.2`, `1.4`, `1` (not for major 0) and `latest`;
 *   a pre-release (`v2.0.0-rc.1`, or a release GitHub marks pre-release) gets only `2.0.0-rc.1`;
 * - any other tag: its name, made a valid tag, and no `latest`;
 * - the default branch (and `schedule`, which always runs there): `sha-<7 hex>` and `latest`;
 * - another branch: its name, made a valid tag (`feature/x` becomes `feature-x`).
 * Undefined when the run names nothing to tag (no ref), so the caller can ask for `tags` instead.
 */
function deriveTags(context) {
    const { eventName, ref } = context;
    const pullRequest = /^refs\/pull\/(\d+)\//.exec(ref)?.[1];
    if (eventName === 'pull_request' || eventName === 'pull_request_target' || pullRequest) {
        // pull_request_target runs on the base branch's ref: the payload's number is what names the request.
        const number = context.pullRequest ?? (pullRequest ? Number(pullRequest) : undefined);
        return number === undefined ? undefined : { tags: [`pr-${number}`], reason: `pull request #${number}` };
    }
    if (context.release) {
        const { tag, prerelease } = context.release;
        return { tags: versionTags(tag, prerelease), reason: `release ${tag}` };
    }
    if (ref.startsWith('refs/tags/')) {
        const tag = ref.slice('refs/tags/'.length);
        return { tags: versionTags(tag, false), reason: `the tag ${tag}` };
    }
    if (ref.startsWith('refs/heads/')) {
        const branch = ref.slice('refs/heads/'.length);
        const sha = context.sha ? [`sha-${context.sha.slice(0, 7)}`] : [];
        if (branch === context.defaultBranch || eventName === 'schedule') {
            return { tags: [...sha, 'latest'], reason: `the default branch ${branch}` };
        }
        const name = sanitizeTag(branch);
        const tags = name ? [name] : sha;
        return tags.length ? { tags, reason: `the branch ${branch}` } : undefined;
    }
    return undefined;
}
/** A git tag's image tags: a semver release's version and its aliases, `latest`; otherwise the tag alone. */
function versionTags(tag, prerelease) {
    const name = sanitizeTag(tag);
    const semver = SemVer.exec(tag);
    if (!semver)
        return name ? [name] : [];
    const [, major, minor, , pre] = semver;
    // `+build` metadata is not allowed in a tag; the sanitized form keeps it readable (`1.4.2-build.5`).
    const version = sanitizeTag(tag.replace(/^v/, ''));
    if (pre !== undefined || prerelease)
        return [version];
    return [version, `${major}.${minor}`, ...(major === '0' ? [] : [major]), 'latest'];
}
/**
 * A branch or git tag name as an image tag: characters outside `[A-Za-z0-9_.-]` become `-`, no leading `.` or
 * `-`, at most 128 characters; '' when nothing is left.
 */
function sanitizeTag(name) {
    return name
        .replace(/[^A-Za-z0-9_.-]+/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, 128);
}
/**
 * OCI annotations for the index from the run: `source` (the repository's URL), `revision` (the commit),
 * `created` (the head commit's time, not the time of the run, so one commit always gives the same index) and
 * `version` (the first of `tags` other than `latest`). Facts the run does not have are left out.
 */
function deriveAnnotations(context, tags) {
    const annotations = {};
    if (context.repositoryUrl)
        annotations[OciAnnotation.Source] = context.repositoryUrl;
    if (context.sha)
        annotations[OciAnnotation.Revision] = context.sha;
    if (context.commitTime)
        annotations[OciAnnotation.Created] = context.commitTime;
    const version = tags.find(tag => tag !== 'latest');
    if (version)
        annotations[OciAnnotation.Version] = version;
    return annotations;
}

;// CONCATENATED MODULE: ./src/github/metadata.ts

/** Parses and checks metadata-action's JSON; `where` names where it came from, for errors. */
function parseMetadata(text, where) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        throw new Error(`${where} is not JSON (${error.message}). Expected docker/metadata-action's 'json' output.`);
    }
    if (!isObject(value)) {
        throw new Error(`${where} is not a JSON object. Expected docker/metadata-action's 'json' output.`);
    }
    const { tags = [], labels = {}, annotations = [] } = value;
    const strings = (list, field) => {
        if (!Array.isArray(list) || !list.every(item => typeof item === 'string'))
            throw new Error(`${where}: '${field}' must be a list of strings.`);
        return list;
    };
    if (!isStringMap(labels)) {
        throw new Error(`${where}: 'labels' must be an object of strings.`);
    }
    return {
        tags: strings(tags, 'tags'),
        labels,
        annotations: strings(annotations, 'annotations'),
    };
}

;// CONCATENATED MODULE: ./src/settings/settings.ts








/** Reads and validates every input of the chosen mode once; each error names the input and the expected form. */
function parseSettings(read, environment) {
    const mode = read(Input.Mode).trim();
    if (!Modes.includes(mode)) {
        throw new Error(`${inputLabel(Input.Mode)}: '${mode}' is not a mode. Expected one of: ${Modes.join(', ')}.`);
    }
    if (mode === 'prune')
        return parsePruneSettings(read, environment);
    return mode === 'build'
        ? parseBuildSettings(read, environment)
        : parseMergeSettings(read, environment);
}
/** `images`: at least one, duplicates dropped. */
function parseImages(read) {
    const images = parseList(read(Input.Images)).map(image => parseRepository(image, inputLabel(Input.Images)));
    if (images.length === 0) {
        throw new Error(`${inputLabel(Input.Images)} is required: one or more image names without tag, e.g. ghcr.io/acme/app.`);
    }
    return [...new Map(images.map(image => [formatRepository(image), image])).values()];
}
function parseCommon(read, { env }) {
    const digestsPath = read(Input.DigestsPath).trim() || undefined;
    const common = {
        images: parseImages(read),
        artifacts: !digestsPath && env.GITHUB_ACTIONS === 'true',
        insecureRegistries: parseList(read(Input.InsecureRegistries)),
        handoffKey: read(Input.HandoffKey).trim(),
        run: {
            id: env.GITHUB_RUN_ID ?? '',
            attempt: Number.parseInt(env.GITHUB_RUN_ATTEMPT ?? '', 10) || 0,
            job: env.GITHUB_JOB ?? '',
        },
        notices: [],
    };
    if (digestsPath)
        common.digestsPath = digestsPath;
    if (common.handoffKey && !/^[A-Za-z0-9._-]{1,40}$/.test(common.handoffKey)) {
        throw new Error(`${inputLabel(Input.HandoffKey)}: '${common.handoffKey}' must be 1-40 of A-Z a-z 0-9 . _ -.`);
    }
    return common;
}
function parseBuildSettings(read, environment) {
    const common = parseCommon(read, environment);
    const metadata = readMetadata(read, environment);
    const runner = runnerPlatform(environment.env.RUNNER_ARCH, environment.machine);
    const platformText = read(Input.Platform).trim();
    if (parseList(platformText).length > 1) {
        throw new Error(`${inputLabel(Input.Platform)}: '${platformText}' names several platforms; a build step builds one. Use a matrix with one platform per job.`);
    }
    const platform = platformText ? parsePlatform(platformText, inputLabel(Input.Platform)) : runner;
    const builder = read(Input.Builder).trim() || 'auto';
    if (builder !== 'auto' && !BuilderNames.includes(builder)) {
        throw new Error(`${inputLabel(Input.Builder)}: '${builder}' is not a builder. Expected one of: auto, ${BuilderNames.join(', ')}.`);
    }
    const archTags = parseList(read(Input.ArchTags));
    for (const tag of archTags)
        checkTag(tag, Input.ArchTags);
    const slug = platformSlug(platform);
    const scope = `${common.images[0].path.replace(/[^A-Za-z0-9._-]/g, '-')}-${slug}`;
    const settings = {
        ...common,
        mode: 'build',
        platform,
        runnerPlatform: runner,
        builder: builder,
        context: read(Input.Context).trim() || '.',
        buildArgs: parseLines(read(Input.BuildArgs)).map(arg => checkKeyValue(arg, Input.BuildArgs)),
        labels: buildLabels(metadata?.metadata, parseLines(read(Input.Labels))),
        cacheFrom: parseLines(read(Input.CacheFrom)).map(entry => withGhaScope(entry, scope)),
        cacheTo: parseLines(read(Input.CacheTo)).map(entry => withGhaScope(entry, scope)),
        push: parseBoolean(read(Input.Push), Input.Push, true),
        archTags,
    };
    const file = read(Input.File).trim();
    const target = read(Input.Target).trim();
    if (file)
        settings.file = file;
    if (target)
        settings.target = target;
    if (metadata?.metadata.annotations.length) {
        settings.notices.push(`The ${metadata.metadata.annotations.length} annotation(s) in ${metadata.origin} are not set on the ${formatPlatform(platform)} image: ` +
            `the build step sets labels only. Index-level ones (index:key=value) go on the index in the merge step.`);
    }
    return settings;
}
/** metadata-action's labels with the `labels` input over them, key by key. */
function buildLabels(metadata, lines) {
    const labels = new Map(Object.entries(metadata?.labels ?? {}));
    for (const line of lines) {
        checkKeyValue(line, Input.Labels);
        const eq = line.indexOf('=');
        labels.set(line.slice(0, eq), line.slice(eq + 1));
    }
    return [...labels].map(([key, value]) => `${key}=${value}`);
}
function parseMergeSettings(read, environment) {
    const common = parseCommon(read, environment);
    const metadata = readMetadata(read, environment);
    const { tags, origin } = mergeTags(read, environment, common.images, metadata);
    common.notices.push(`Tags: ${tags.join(', ')} (from ${origin})`);
    const platforms = parsePlatforms(read, Input.Platforms);
    const settings = {
        ...common,
        mode: 'merge',
        tags,
        digests: parseList(read(Input.Digests)).map(text => parseDigestSource(text, common.images[0])),
        annotations: mergeAnnotations(read, environment, tags, metadata, common.notices),
        verifyPlatforms: parseBoolean(read(Input.VerifyPlatforms), Input.VerifyPlatforms, false),
        keepArtifacts: parseBoolean(read(Input.KeepArtifacts), Input.KeepArtifacts, false),
        githubToken: read(Input.GithubToken).trim(),
        optionalPlatforms: parsePlatforms(read, Input.OptionalPlatforms),
        tagPolicy: parseTagPolicy(read),
    };
    if (platforms.length)
        settings.platforms = platforms;
    if (parseBoolean(read(Input.Prune), Input.Prune, false))
        settings.prune = parsePruneOptions(read, environment);
    return settings;
}
/** A list of platforms, none twice. */
function parsePlatforms(read, input) {
    const platforms = parseList(read(input)).map(p => parsePlatform(p, inputLabel(input)));
    platforms.forEach((p, i) => {
        if (platforms.findIndex(q => samePlatform(p, q)) !== i) {
            throw new Error(`${inputLabel(input)}: ${formatPlatform(p)} is listed twice.`);
        }
    });
    return platforms;
}
function parseTagPolicy(read) {
    const policy = read(Input.TagPolicy).trim() || 'forward';
    if (!TagPolicies.includes(policy)) {
        throw new Error(`${inputLabel(Input.TagPolicy)}: '${policy}' is not a tag policy. Expected forward (a tag never moves to an older index) or always.`);
    }
    return policy;
}
function parsePruneSettings(read, environment) {
    return {
        mode: 'prune',
        images: parseImages(read),
        insecureRegistries: parseList(read(Input.InsecureRegistries)),
        notices: [],
        prune: parsePruneOptions(read, environment),
    };
}
/** GitHub's container registry; a GitHub Enterprise Server adds its own hosts in `github-registry-hosts`. */
const GitHubContainerRegistry = 'ghcr.io';
function parsePruneOptions(read, { env }) {
    const hosts = parseList(read(Input.GithubRegistryHosts));
    for (const host of hosts) {
        if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(host)) {
            throw new Error(`${inputLabel(Input.GithubRegistryHosts)}: '${host}' is not a registry host. Expected a host name with an optional port, e.g. containers.github.example.com.`);
        }
    }
    const apiText = env.GITHUB_API_URL?.trim() || 'https://api.github.com';
    let apiUrl;
    try {
        apiUrl = new URL(apiText);
    }
    catch {
        apiUrl = undefined;
    }
    if (!apiUrl || !/^https?:$/.test(apiUrl.protocol)) {
        throw new Error(`GITHUB_API_URL: '${apiText}' is not an http(s) URL of GitHub's REST API.`);
    }
    return {
        minAgeMs: parseDuration(read(Input.PruneMinAge) || '24h', Input.PruneMinAge),
        dryRun: parseBoolean(read(Input.DryRun), Input.DryRun, false),
        githubRegistryHosts: [...new Set([GitHubContainerRegistry, ...hosts])],
        apiUrl: apiText.replace(/\/+$/, ''),
        token: read(Input.GithubToken).trim(),
    };
}
const MetadataVariable = 'DOCKER_METADATA_OUTPUT_JSON';
function readMetadata(read, { env }) {
    const text = read(Input.Metadata).trim();
    if (text) {
        const origin = inputLabel(Input.Metadata);
        return { metadata: parseMetadata(text, origin), origin };
    }
    const exported = env[MetadataVariable]?.trim();
    if (!exported)
        return undefined;
    // Any later step of a job that ran metadata-action sees it; say so in errors, since no input named it.
    const origin = `${MetadataVariable} (docker/metadata-action's output, read since ${inputName(Input.Metadata)} is empty)`;
    return { metadata: parseMetadata(exported, origin), origin };
}
/** The index's tags and where they came from, in the order of precedence `MergeSettings.tags` documents. */
function mergeTags(read, { github }, images, metadata) {
    const given = parseList(read(Input.Tags));
    if (given.length) {
        for (const tag of given)
            checkTag(tag, Input.Tags);
        return { tags: [...new Set(given)], origin: inputLabel(Input.Tags) };
    }
    if (metadata)
        return { tags: metadataTags(metadata, images), origin: metadata.origin };
    if (!github)
        return { tags: ['latest'], origin: 'the default outside GitHub Actions' };
    const derived = deriveTags(github);
    if (!derived?.tags.length) {
        throw new Error(`${inputLabel(Input.Tags)} is empty and this run names nothing to tag (event '${github.eventName}', ref '${github.ref}'). ` +
            `Set ${inputName(Input.Tags)}, or pass docker/metadata-action's output in ${inputName(Input.Metadata)}.`);
    }
    return { tags: derived.tags, origin: derived.reason };
}
/**
 * metadata-action's tags as bare tags. They are full references; each must name one of `images`, since the
 * merge publishes every tag to every image and nowhere else.
 */
function metadataTags({ metadata, origin }, images) {
    const tags = new Set();
    for (const text of metadata.tags) {
        // Without `images`, metadata-action writes bare tags.
        if (isValidTag(text)) {
            tags.add(text);
            continue;
        }
        const reference = parseReference(text, origin);
        if (reference.tag === undefined || reference.digest !== undefined) {
            throw new Error(`${origin}: '${text}' is not a tagged image reference like ghcr.io/acme/app:1.4.`);
        }
        if (!images.some(image => sameRepository(image, reference.repository))) {
            throw new Error(`${origin}: '${text}' is a tag of ${formatRepository(reference.repository)}, which is not in ${inputName(Input.Images)} ` +
                `(${images.map(formatRepository).join(', ')}). Add it to ${inputName(Input.Images)}, or give metadata-action the same images.`);
        }
        tags.add(reference.tag);
    }
    if (tags.size === 0) {
        throw new Error(`${origin} has no tags: metadata-action's tag rules made none for this event. Add a rule that matches it, or set ${inputName(Input.Tags)}.`);
    }
    return [...tags];
}
/** The index's annotations by precedence; annotations meant for other levels are noted once, not dropped silently. */
function mergeAnnotations(read, { github }, tags, metadata, notices) {
    const fromMetadata = metadata
        ? parseAnnotations(metadata.metadata.annotations, metadata.origin)
        : { index: {}, elsewhere: [] };
    const fromInput = parseAnnotations(parseLines(read(Input.Annotations)), inputLabel(Input.Annotations));
    // metadata-action users chose their annotations there; deriving others beside them would mix two sources.
    const derived = github && !metadata ? deriveAnnotations(github, tags) : {};
    const elsewhere = [...fromMetadata.elsewhere, ...fromInput.elsewhere];
    if (elsewhere.length) {
        const keys = [...new Set(elsewhere.map(line => line.slice(line.indexOf(':') + 1).split('=')[0]))];
        notices.push(`Not on the index: ${elsewhere.length} annotation(s) for another level (${keys.join(', ')}). Manifest-level annotations ` +
            `belong to each platform's image, which the build step makes; the index takes index:key=value ` +
            `(with docker/metadata-action, set DOCKER_METADATA_ANNOTATIONS_LEVELS=manifest,index).`);
    }
    return { ...derived, ...fromMetadata.index, ...fromInput.index };
}
function parseDigestSource(text, firstImage) {
    const where = inputLabel(Input.Digests);
    if (/^sha\d+:/.test(text))
        return { text, reference: { repository: firstImage, digest: parseDigest(text, where) } };
    const reference = parseReference(text, where);
    if (reference.digest === undefined && reference.tag === undefined) {
        throw new Error(`${where}: '${text}' names no tag or digest. Expected sha256:..., repo@sha256:... or repo:tag.`);
    }
    return { text, reference };
}
function checkTag(tag, input) {
    // No tag can hold '/' or ':' (isValidTag): one that does is a reference given where a tag belongs.
    if (tag.includes('/') || tag.includes(':')) {
        throw new Error(`${inputLabel(input)}: '${tag}' looks like a full image reference. Give bare tags like 1.4; they apply to every image in ${inputName(Input.Images)}.`);
    }
    if (!isValidTag(tag)) {
        throw new Error(`${inputLabel(input)}: '${tag}' is not a valid tag. Expected 1-128 of A-Z a-z 0-9 _ . - not starting with . or -.`);
    }
}
function checkKeyValue(entry, input) {
    if (!/^[^=\s][^=]*=/.test(entry))
        throw new Error(`${inputLabel(input)}: '${entry}' is not KEY=VALUE.`);
    return entry;
}
/** Gives a `type=gha` cache entry without a scope one per image and platform, so matrix legs keep their own. */
function withGhaScope(entry, scope) {
    const fields = entry.split(',').map(f => f.trim());
    const isGha = fields.includes('type=gha');
    return isGha && !fields.some(f => f.startsWith('scope=')) ? `${entry},scope=${scope}` : entry;
}

;// CONCATENATED MODULE: ./src/action/run-step.ts




/**
 * One build, merge or prune step, whichever shell runs it: reads settings once, runs the mode, sets outputs and
 * the summary. Errors propagate to the shell, which reports them once.
 */
async function runStep(shell, modes) {
    const github = await readGitHubContext(shell.env);
    const settings = parseSettings(shell.read, { env: shell.env, machine: (0,external_node_os_namespaceObject.machine)(), github });
    // The runner masks `github.token` itself; a token passed any other way is masked here.
    if (settings.mode === 'merge' && settings.githubToken)
        shell.setSecret(settings.githubToken);
    if (settings.mode === 'prune' && settings.prune.token)
        shell.setSecret(settings.prune.token);
    for (const notice of settings.notices)
        shell.logger.info(notice);
    if (settings.mode === 'build')
        await (await modes.build())(settings, shell);
    else if (settings.mode === 'merge')
        await (await modes.merge())(settings, shell);
    else
        await (await modes.prune())(settings, shell);
}

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./src/cli/args.ts


/** Where a flag's value may also come from: `digests-path` is `NATIVE_MULTIARCH_DIGESTS_PATH`. */
function envName(input) {
    return `NATIVE_MULTIARCH_${input.toUpperCase().replace(/-/g, '_')}`;
}
/** How the inputs without a flag reach the command line, for messages that name them. */
const InputsWithoutFlags = {
    [Input.GithubToken]: `${envName(Input.GithubToken)} (or GITHUB_TOKEN)`,
};
// One line per flag; typed over every input, so a new input cannot be left out of --help.
const FlagHelp = {
    [Input.Images]: 'image names without tag, e.g. ghcr.io/acme/app (required)',
    [Input.DigestsPath]: 'directory of digest records: build writes one, merge reads all (optional)',
    [Input.Platform]: "build: the one platform to build (default: this machine's)",
    [Input.Builder]: 'build: auto, buildx, podman or buildah (default auto)',
    [Input.Context]: 'build: build context directory (default .)',
    [Input.File]: 'build: Dockerfile/Containerfile path',
    [Input.Target]: 'build: stage to stop at',
    [Input.BuildArgs]: 'build: KEY=VALUE, repeat the flag for more',
    [Input.Labels]: 'build: key=value, repeat the flag for more',
    [Input.Push]: 'build: false only builds (default true)',
    [Input.CacheFrom]: 'build, buildx: cache sources',
    [Input.CacheTo]: 'build, buildx: cache exports',
    [Input.ArchTags]: 'build: also push these tags with an architecture suffix (1.4-arm64)',
    [Input.Tags]: 'merge: tags for the index (default: from --metadata, else latest)',
    [Input.Metadata]: "docker/metadata-action's JSON: tags and annotations (merge), labels (build)",
    [Input.Platforms]: 'merge: platforms that must be present, e.g. linux/amd64,linux/arm64',
    [Input.OptionalPlatforms]: 'merge: platforms that may be missing; published without them',
    [Input.TagPolicy]: 'merge: forward keeps a tag at a newer index, always moves it (default forward)',
    [Input.Digests]: 'merge: more sources: sha256:..., repo@sha256:... or repo:tag',
    [Input.VerifyPlatforms]: "merge: true reads each record's image config to check its platform (default false)",
    [Input.Annotations]: 'merge: index annotations, key=value, repeat the flag for more',
    [Input.InsecureRegistries]: 'registry hosts to reach over plain HTTP besides loopback ones',
    [Input.HandoffKey]: 'separates hand-offs of the same images in one records directory',
    [Input.Prune]: 'merge: prune the images after a successful publish (a switch)',
    [Input.PruneMinAge]: 'prune: keep versions changed more recently than this (default 24h)',
    [Input.DryRun]: 'prune: list what would be deleted, delete nothing (a switch)',
    [Input.GithubRegistryHosts]: "prune: a GitHub Enterprise Server's container registry hosts",
};
/** Flags that take no value: given means true. */
const Switches = new Set([Input.Prune, Input.DryRun]);
/** The `--help` text. */
function usage() {
    const width = Math.max(...Object.keys(FlagHelp).map(flag => flag.length)) + 4;
    const flags = Object.entries(FlagHelp).map(([flag, help]) => `  --${flag.padEnd(width - 2)}${help}`);
    return [
        'Usage: native-multiarch build|merge --images IMAGE [--digests-path DIR] [flags]',
        '       native-multiarch prune --images IMAGE [--dry-run] [--prune-min-age 24h]',
        '',
        'Builds one platform and pushes it by digest (build), or publishes the multi-arch index of every',
        "platform's digest record under its tags (merge), or deletes the untagged versions of GitHub container",
        'packages that no tagged version references (prune, with a token in GITHUB_TOKEN or',
        `${envName(Input.GithubToken)}). The same engine as the GitHub Action; flags are named`,
        'like its inputs. A flag given several times, or a value with newlines, is a list. Each flag can also',
        `come from the environment: --digests-path from ${envName(Input.DigestsPath)}, and so on.`,
        '',
        'Flags:',
        ...flags,
        '  --help, -h'.padEnd(width + 2) + 'this text',
        '',
        'Outputs are printed as name=value lines (digest=..., refs=...). Credentials come from the docker',
        "config file (DOCKER_CONFIG or ~/.docker/config.json), as 'docker login' writes it.",
        '',
        'More: https://github.com/native-multiarch/native-multiarch#beyond-github-the-command-line',
    ].join('\n');
}
/** A command line that does not parse; the message says what is wrong, `--help` the rest. */
class UsageError extends Error {
}
/**
 * Parses `build|merge [--flag value]...`; a flag's value, else its `NATIVE_MULTIARCH_*` variable, is the
 * input's text. Throws a usage error naming what is wrong.
 */
function parseCommandLine(argv, env) {
    const options = Object.fromEntries(Object.keys(FlagHelp).map(flag => [
        flag,
        Switches.has(flag)
            ? { type: 'boolean', multiple: true }
            : { type: 'string', multiple: true },
    ]));
    checkFlags(argv);
    let parsed;
    try {
        parsed = (0,external_node_util_namespaceObject.parseArgs)({
            args: argv,
            options: { ...options, help: { type: 'boolean', short: 'h' } },
            allowPositionals: true,
            strict: true,
        });
    }
    catch (error) {
        throw new UsageError(error.message);
    }
    const { values, positionals } = parsed;
    if (values.help)
        return { kind: 'help' };
    const [mode, ...extra] = positionals;
    if (!mode || !Modes.includes(mode) || extra.length) {
        throw new UsageError(`Expected one command, ${Modes.slice(0, -1).join(', ')} or ${Modes.at(-1)}; got ${positionals.length ? positionals.map(p => `'${p}'`).join(' ') : 'none'}.`);
    }
    const flags = values;
    const read = name => {
        if (name === Input.Mode)
            return mode;
        if (name === Input.GithubToken)
            return env[envName(Input.GithubToken)] ?? env.GITHUB_TOKEN ?? '';
        const given = flags[name];
        // A switch given twice is still one switch.
        if (given && Switches.has(name))
            return String(given.at(-1));
        return given?.join('\n') ?? env[envName(name)] ?? '';
    };
    return { kind: 'step', mode: mode, read };
}
/**
 * Says in the command line's words what Node's parser would say in its own: an unknown flag with the closest
 * known one, a flag without its value. Runs before the parser, which then only sees lines that parse.
 */
function checkFlags(argv) {
    const known = [...Object.keys(FlagHelp), 'help'];
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--')
            return;
        if (!arg.startsWith('--')) {
            if (/^-[^-]/.test(arg) && arg !== '-h')
                throw new UsageError(`unknown flag ${arg}.`);
            continue;
        }
        const name = arg.slice(2).split('=')[0];
        if (!known.includes(name)) {
            const closest = closestName(name, known);
            throw new UsageError(`unknown flag --${name}${closest ? `; did you mean --${closest}?` : '.'}`);
        }
        // Switches (--help, --dry-run, --prune) take no value; a value may be joined with '='.
        if (name === 'help' || Switches.has(name) || arg.includes('='))
            continue;
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--')) {
            throw new UsageError(`--${name} needs a value: --${name} VALUE (or --${name}=VALUE).`);
        }
        i++;
    }
}
/** The known name nearest to `name` by edit distance, when it is near enough to be a typo. */
function closestName(name, known) {
    let best;
    for (const candidate of known) {
        const distance = editDistance(name, candidate);
        if (!best || distance < best.distance)
            best = { name: candidate, distance };
    }
    return best && best.distance <= Math.max(2, Math.floor(name.length / 3)) ? best.name : undefined;
}
/** Levenshtein distance: insertions, deletions and substitutions each cost one. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
        }
        previous = current;
    }
    return previous[b.length];
}

;// CONCATENATED MODULE: ./src/cli/main.ts









/**
 * Every mode, loaded with the rest: dist/cli.js is one file that users may download alone, and a dynamic
 * import would make the bundler split it into chunks.
 */
const main_Modes = {
    build: async () => buildMode,
    merge: async () => mergeMode,
    prune: async () => pruneMode,
};
const processTerminal = {
    out: line => process.stdout.write(`${line}\n`),
    err: line => process.stderr.write(`${line}\n`),
};
/** A terminal whose lines cannot start a workflow command, whatever text from outside they carry. */
function inertTerminal(terminal) {
    return { out: line => terminal.out(inertLog(line)), err: line => terminal.err(inertLog(line)) };
}
/**
 * `native-multiarch build|merge ...`: the action's step with a plain log (no workflow commands), outputs as
 * `name=value` lines, and the records directory as the hand-off. Returns the exit code: 1 on any failure.
 */
async function main(argv, env, given = processTerminal) {
    // Every message from here on names flags (--tags), not the action's inputs.
    speakInFlags(InputsWithoutFlags);
    // In a GitHub Actions `run:` step the runner reads this output for workflow commands too.
    const terminal = env.GITHUB_ACTIONS === 'true' ? inertTerminal(given) : given;
    try {
        const command = parseCommandLine(argv, env);
        if (command.kind === 'help') {
            terminal.out(usage());
            return 0;
        }
        const logger = {
            debug: message => {
                if (env.NATIVE_MULTIARCH_DEBUG)
                    terminal.out(`debug: ${message}`);
            },
            info: message => terminal.out(message),
            warning: message => terminal.err(`warning: ${message}`),
        };
        await runStep({
            read: command.read,
            env,
            logger,
            group: async (name, fn) => {
                terminal.out(`==> ${name}`);
                return fn();
            },
            setOutput: (name, value) => outputLines(name, value).forEach(line => terminal.out(line)),
            // Nothing here rewrites the log; credentials are never printed in the first place.
            setSecret: () => { },
            // The log already has the table's facts: what was pushed, each platform, every tag.
            writeSummary: async () => { },
            transport: async (settings) => settings.digestsPath
                ? directoryTransport(settings.digestsPath, { key: settings.handoffKey, logger })
                : noTransport,
        }, main_Modes);
        return 0;
    }
    catch (error) {
        terminal.err(`error: ${errorMessage(error)}`);
        if (error instanceof UsageError)
            terminal.err(`Run 'native-multiarch --help' for the flags.`);
        return 1;
    }
}


/***/ }),

/***/ 421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
