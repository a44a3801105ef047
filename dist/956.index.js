export const id = 956;
export const ids = [956];
export const modules = {

/***/ 15956:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildMode: () => (/* binding */ buildMode)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/core/platform.ts
var core_platform = __webpack_require__(90692);
// EXTERNAL MODULE: ./src/core/record.ts
var core_record = __webpack_require__(14130);
// EXTERNAL MODULE: ./src/core/reference.ts
var reference = __webpack_require__(55378);
// EXTERNAL MODULE: ./src/settings/names.ts
var names = __webpack_require__(14761);
// EXTERNAL MODULE: ./src/settings/values.ts
var values = __webpack_require__(535);
// EXTERNAL MODULE: ./src/transfer/copy.ts
var copy = __webpack_require__(27686);
// EXTERNAL MODULE: ./src/transfer/inspect.ts + 1 modules
var inspect = __webpack_require__(63270);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/core/digest.ts
var core_digest = __webpack_require__(55543);
// EXTERNAL MODULE: ./src/core/media-types.ts
var media_types = __webpack_require__(37407);
// EXTERNAL MODULE: ./src/registry/content.ts
var content = __webpack_require__(95378);
;// CONCATENATED MODULE: ./src/transfer/oci-layout.ts






/**
 * The manifest descriptors an OCI image layout's index.json lists (image-spec "image-layout"): one per image
 * that buildah or podman pushed into it.
 */
async function readLayoutIndex(dir) {
    const file = (0,external_node_path_.join)(dir, 'index.json');
    let index;
    try {
        index = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
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
            !(0,core_digest/* isDigest */.Bc)(m.digest) ||
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
        if (!(0,core_digest/* isDigest */.Bc)(descriptor.digest))
            throw new Error(`${name}: '${descriptor.digest}' is not a digest`);
        const [algorithm, encoded] = descriptor.digest.split(':');
        const path = (0,external_node_path_.join)(dir, 'blobs', algorithm, encoded);
        const info = await (0,promises_.stat)(path).catch(() => undefined);
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
            const bytes = await (0,promises_.readFile)(await blobPath(descriptor, media_types/* MaxManifestBytes */.HO));
            const algorithm = descriptor.digest.slice(0, descriptor.digest.indexOf(':'));
            if ((0,core_digest/* digestOf */.ol)(bytes, algorithm) !== descriptor.digest) {
                throw new Error(`${name}: manifest ${descriptor.digest} does not match its digest; the layout is corrupt`);
            }
            return bytes;
        },
        async openBlob(descriptor, { checked = true } = {}) {
            const file = (0,external_node_fs_.createReadStream)(await blobPath(descriptor, Number.MAX_SAFE_INTEGER));
            if (!checked)
                return file;
            return (0,content/* verified */.zr)(file, descriptor.digest, descriptor.size, `${name}: blob ${descriptor.digest}`);
        },
    };
}

// EXTERNAL MODULE: ./src/transfer/registry-source.ts
var registry_source = __webpack_require__(37520);
;// CONCATENATED MODULE: ./src/builders/build-step.ts










/**
 * Builds one platform, pushes it to every image by digest (no tag moves), checks the pushed image's config
 * declares the platform asked for, and hands a digest record to the merge step.
 */
async function runBuild(settings, context) {
    const { logger, group } = context;
    if (!(0,core_platform/* samePlatform */.my)(settings.platform, settings.runnerPlatform)) {
        logger.warning(`Building ${(0,core_platform/* formatPlatform */.Bq)(settings.platform)} on a ${(0,core_platform/* formatPlatform */.Bq)(settings.runnerPlatform)} runner means CPU emulation, ` +
            `typically 4-20x slower. Run this leg on a native ${settings.platform.architecture} runner (e.g. ubuntu-24.04-arm for arm64).`);
    }
    const builder = await context.selectBuilder(settings.builder);
    const ready = prepareUpload(settings, context.registry, builder);
    const output = await group(`Build ${(0,core_platform/* formatPlatform */.Bq)(settings.platform)} with ${builder.name}`, () => builder.build({
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
        logger.info(`Built ${(0,core_platform/* formatPlatform */.Bq)(settings.platform)}; ${(0,values/* inputName */.yu)(names/* Input */.pd.Push)} is false, so nothing was pushed and no record written.`);
        return { platform: settings.platform, archRefs: [] };
    }
    try {
        return await group(`Push ${(0,core_platform/* formatPlatform */.Bq)(settings.platform)} by digest`, () => pushAndRecord(settings, context, builder, output));
    }
    finally {
        // The exported layout has been uploaded (or failed to be); it is a copy of the whole image. The step ends
        // only once the builder's own clean-up has too, so no builder process outlives it.
        if (output.kind === 'layout')
            await Promise.all([(0,promises_.rm)(output.dir, { recursive: true, force: true }), output.cleanup]);
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
    const where = `The ${builder.name} build of ${(0,core_platform/* formatPlatform */.Bq)(settings.platform)}`;
    const inspected = await (0,inspect/* inspectImage */.m)(source, pushed, where, settings.platform);
    if (output.kind === 'layout')
        await uploadLayout(registry, source, pushed, settings.images, logger);
    const archRefs = await pushArchTags(registry, settings, pushed, inspected.bytes);
    const record = (0,core_record/* makeRecord */.Uo)({
        images: settings.images,
        platform: inspected.platform,
        pushed,
        manifests: [inspected.image, ...inspected.attestations],
        run: settings.run,
        builder: builder.name,
    });
    const recordLocation = await context.transport.put(record);
    const image = `${(0,reference/* formatRepository */.Sh)(settings.images[0])}@${pushed.digest}`;
    logger.info(`Pushed ${(0,core_platform/* formatPlatform */.Bq)(inspected.platform)} as ${pushed.digest} to ${settings.images.map(reference/* formatRepository */.Sh).join(', ')}`);
    if (recordLocation)
        logger.info(`Digest record: ${recordLocation}`);
    else {
        logger.info(`No digest record was written: ${(0,values/* inputName */.yu)(names/* Input */.pd.DigestsPath)} is not set and this is not a GitHub Actions run. ` +
            `Give the merge this image in ${(0,values/* inputName */.yu)(names/* Input */.pd.Digests)}: ${image}`);
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
        await (0,copy/* copyManifest */.nX)(registry, layout, pushed, first, { logger });
        const mountable = { ...layout, repository: first };
        await Promise.all(others.map(image => (0,copy/* copyManifest */.nX)(registry, mountable, pushed, image, { logger })));
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
    return output.kind === 'layout' ? layoutSource(output.dir) : (0,registry_source/* registrySource */.B)(registry, output.repository);
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
            refs.push(`${(0,reference/* formatRepository */.Sh)(image)}:${tag}`);
        }
    }
    return refs;
}
/** A tag for builders that cannot push by digest: unique per run, attempt and platform, and plainly temporary. */
function fallbackTag(settings) {
    const run = settings.run.id ? `${settings.run.id}-${settings.run.attempt}` : `local-${Date.now()}`;
    return `native-multiarch-tmp-${run}-${(0,core_platform/* platformSlug */.DN)(settings.platform)}`.slice(0, 128);
}

// EXTERNAL MODULE: ./src/core/logger.ts
var core_logger = __webpack_require__(11227);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 3 modules
var exec = __webpack_require__(81260);
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
    return options.tempDir ?? process.env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)();
}
/**
 * Runs a tool with an argument vector, never through a shell, so build-arg values such as `a;b $(x)` arrive as
 * data. Output streams to the job log unless silent. A non-zero exit throws an error naming the command and
 * quoting the end of what it wrote to stderr, which is where buildah, podman and buildx explain failures.
 */
async function runCommand(command, args, options) {
    const output = await (0,exec/* getExecOutput */.H)(command, args, {
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
    const args = ['--platform', (0,core_platform/* formatPlatform */.Bq)(request.platform)];
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
    for (const dir of (env.PATH ?? '').split(external_node_path_.delimiter)) {
        if (!dir)
            continue;
        const candidate = (0,external_node_path_.join)(dir, command);
        const info = await (0,promises_.stat)(candidate).catch(() => undefined);
        if (!info?.isFile())
            continue;
        const executable = await (0,promises_.access)(candidate, promises_.constants.X_OK).then(() => true, () => false);
        if (executable)
            return candidate;
    }
    return undefined;
}
/** Throws unless the build context is an existing directory: the builders' own messages for this are cryptic. */
async function checkContext(context) {
    const info = await (0,promises_.stat)(context).catch(() => undefined);
    if (!info?.isDirectory()) {
        throw new Error(`Build context '${context}' ${info ? 'is not a directory' : 'does not exist'}. Set ${(0,values/* inputPhrase */.MY)(names/* Input */.pd.Context)} to the directory holding the files the Dockerfile copies.`);
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
            const platform = (0,core_platform/* formatPlatform */.Bq)(request.platform);
            if (request.push && !cachesLayers(tool, options)) {
                logger.info(`Building ${platform} with ${tool} into an OCI layout`);
                const layout = await inLayoutDir(tool, options, async (dir) => {
                    await runCommand(tool, buildArguments(request, `oci:${dir}`, LayoutFlags), options);
                });
                logger.info(`${tool} built ${layout.manifest.digest} for ${platform}`);
                return { kind: 'layout', ...layout };
            }
            const localName = `localhost/native-multiarch-build:${(0,core_platform/* platformSlug */.DN)(request.platform)}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
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
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(tempRoot(options), 'native-multiarch-layout-'));
    try {
        // The oci: transport reads a ':' in the path as the start of an image name.
        if (dir.includes(':'))
            throw new Error(`Temporary directory ${dir} contains ':', which ${tool} cannot write a layout to`);
        await write(dir);
        return { dir, manifest: await layoutManifest(dir, tool) };
    }
    catch (error) {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        throw error;
    }
}
/**
 * `push IMAGE oci:DIR`, with an empty auth file: a local layout needs no credentials, and buildah and podman
 * refuse to push at all when DOCKER_CONFIG names a directory without config.json (as before any login).
 */
async function exportLayout(tool, localName, dir, options) {
    const authFile = `${dir}.auth.json`;
    await (0,promises_.writeFile)(authFile, '{}');
    try {
        await runCommand(tool, ['push', '--authfile', authFile, localName, `oci:${dir}`], options);
    }
    finally {
        await (0,promises_.rm)(authFile, { force: true });
    }
}
function buildArguments(request, tag, extra = []) {
    return ['build', ...commonBuildFlags(request), ...extra, '--tag', tag, request.context];
}
/** The one image manifest a fresh layout holds, as the layout's index.json describes it. */
async function layoutManifest(dir, tool) {
    const manifests = await readLayoutIndex(dir);
    const descriptor = manifests[0];
    if (manifests.length !== 1 || !descriptor || !(0,media_types/* isImageManifestMediaType */.d6)(descriptor.mediaType)) {
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
            logger.info(`Building ${(0,core_platform/* formatPlatform */.Bq)(request.platform)} with buildx builder '${builder.name}' (${builder.driver} driver)`);
            const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(tempRoot(options), 'native-multiarch-buildx-'));
            try {
                const metadataFile = (0,external_node_path_.join)(dir, 'metadata.json');
                await runCommand('docker', buildxArguments(request, builder.driver, metadataFile), options);
                if (!request.push)
                    return { kind: 'local' };
                const manifest = parseBuildxMetadata(await (0,promises_.readFile)(metadataFile, 'utf8').catch(() => ''), metadataFile);
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
                await (0,promises_.rm)(dir, { recursive: true, force: true });
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
    return request.images.map(repository => (0,reference/* formatReference */.FH)({ repository, tag: request.fallbackTag }));
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
        const names = request.images.map(reference/* formatRepository */.Sh).join(',');
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
    if (typeof digest !== 'string' || !(0,core_digest/* isDigest */.Bc)(digest)) {
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
    const { logger = core_logger/* silentLogger */.qq, ...commandOptions } = options;
    const wanted = choice === 'auto' ? names/* BuilderNames */.sL : [choice];
    const probes = await Promise.all(wanted.map(name => probeBuilder(name, choice === 'auto', commandOptions)));
    const reasons = [];
    for (const [i, name] of wanted.entries()) {
        const probe = probes[i];
        if (probe.ok) {
            const found = probe.found.trim().split('\n')[0];
            logger.info(`Using ${name} (${found})${choice === 'auto' ? `, chosen by ${names/* Input */.pd.Builder}: auto` : ''}`);
            return makeBuilder(name, commandOptions);
        }
        reasons.push(probe.reason);
        if (choice === 'auto')
            logger.debug(`builder auto: not ${name}: ${probe.reason}`);
    }
    if (choice !== 'auto') {
        throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.Builder)} is '${choice}', but ${reasons[0]}. To use it, ${InstallHints[choice]}.`);
    }
    throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.Builder)} is 'auto', but no builder is usable (${wanted.map((name, i) => `${name}: ${reasons[i]}`).join('; ')}). ` +
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

// EXTERNAL MODULE: ./src/action/step-context.ts + 7 modules
var step_context = __webpack_require__(92519);
// EXTERNAL MODULE: ./src/action/summary.ts
var summary = __webpack_require__(38770);
;// CONCATENATED MODULE: ./src/action/build-mode.ts






/** The build mode: builds and pushes one platform, sets its outputs and writes the summary. */
async function buildMode(settings, shell) {
    const started = Date.now();
    const result = await (0,step_context/* withStep */.p$)(settings, shell, context => runBuild(settings, {
        ...context,
        selectBuilder: choice => selectBuilder(choice, { logger: shell.logger }),
    }));
    shell.setOutput(names/* Output */.k7.Platform, (0,core_platform/* formatPlatform */.Bq)(result.platform));
    if (result.pushed) {
        shell.setOutput(names/* Output */.k7.Digest, result.pushed.digest);
        shell.setOutput(names/* Output */.k7.Image, result.image);
    }
    await shell.writeSummary((0,summary/* buildSummary */.fR)(result, { runner: (0,summary/* runnerName */.iC)(shell.env), durationMs: Date.now() - started }));
}


/***/ })

};
