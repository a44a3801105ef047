export const id = 616;
export const ids = [616];
export const modules = {

/***/ 63616:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prune: () => (/* binding */ prune),
  pruneMode: () => (/* binding */ pruneMode)
});

// EXTERNAL MODULE: ./src/core/digest.ts
var digest = __webpack_require__(55543);
// EXTERNAL MODULE: ./src/core/json.ts
var json = __webpack_require__(86153);
// EXTERNAL MODULE: ./src/core/logger.ts
var core_logger = __webpack_require__(11227);
// EXTERNAL MODULE: ./src/core/reference.ts
var reference = __webpack_require__(55378);
// EXTERNAL MODULE: ./src/registry/retry.ts
var registry_retry = __webpack_require__(41521);
// EXTERNAL MODULE: ./src/settings/names.ts
var names = __webpack_require__(14761);
// EXTERNAL MODULE: ./src/settings/values.ts
var values = __webpack_require__(535);
;// CONCATENATED MODULE: ./src/github/packages.ts
/**
 * GitHub's REST API for container package versions: the one place where GitHub's container registry lists its
 * untagged manifests, which the registry API itself never does. Every request is retried like a registry's.
 */







const PageSize = 100;
/** The package API's client; the owner's kind (organisation or user) is learnt per owner on first use. */
function githubPackagesApi(options) {
    const logger = options.logger ?? core_logger/* silentLogger */.qq;
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
        return (0,json/* isObject */.G)(body) && body.type === 'Organization' ? 'orgs' : 'users';
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
            const where = (i) => `${(0,reference/* formatRepository */.Sh)(repository)} version ${versions.length + i + 1}`;
            // A version pushed while listing shifts the newest-first pages: one may come twice.
            const seen = new Set(versions.map(v => v.id));
            versions.push(...answer.body.map((item, i) => parseVersion(item, where(i))).filter(v => !seen.has(v.id)));
            const full = answer.body.length === PageSize;
            url = answer.next ?? (full ? new URL(`${base}?per_page=${PageSize}&page=${page + 1}`) : undefined);
        }
        logger.info(`${(0,reference/* formatRepository */.Sh)(repository)}: ${versions.length} package version(s) listed`);
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
    const logger = options.logger ?? core_logger/* silentLogger */.qq;
    const target = { host: url.host, method, path: url.pathname + url.search };
    const retry = {
        ...options.retry,
        onRetry: (error, attempt, delayMs) => logger.info(`${(0,registry_retry/* describeError */.Uc)(error)}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1})`),
    };
    return (0,registry_retry/* withRetry */.bD)(target, retry, async () => {
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
        if ((0,registry_retry/* isRetryableStatus */.PS)(response.status)) {
            const retryAfter = (0,registry_retry/* parseRetryAfter */.mu)(response.headers.get('retry-after') ?? undefined, Date.now());
            throw new registry_retry/* HttpStatusError */.F9(`${what} answered HTTP ${response.status}${said(text)}`, response.status, retryAfter);
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
        throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.Images)}: ${(0,reference/* formatRepository */.Sh)(repository)} names no owner; GitHub's registry takes ${repository.registry}/OWNER/NAME.`);
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
    const message = (0,registry_retry/* describeError */.Uc)(error);
    if (!(error instanceof ApiError) || ![401, 403, 404].includes(error.status))
        return new Error(message, { cause: error });
    return new Error(`${message}. Check that ${(0,reference/* formatRepository */.Sh)(repository)} is a package GitHub's API serves and that input ` +
        `'${names/* Input */.pd.GithubToken}' can reach it: the job needs 'permissions: packages: write' (read is enough for a dry run), ` +
        `or a token with read:packages and delete:packages.`, { cause: error });
}
function said(text) {
    try {
        const body = JSON.parse(text);
        if ((0,json/* isObject */.G)(body) && typeof body.message === 'string')
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
    if (!(0,json/* isObject */.G)(item) || typeof item.id !== 'number')
        throw invalid('has no numeric id');
    if (typeof item.name !== 'string' || !(0,digest/* isDigest */.Bc)(item.name))
        throw invalid(`is named '${String(item.name)}', not a digest`);
    const createdAt = Date.parse(String(item.created_at));
    const updatedAt = item.updated_at === undefined ? createdAt : Date.parse(String(item.updated_at));
    if (Number.isNaN(createdAt) || Number.isNaN(updatedAt))
        throw invalid('has no valid created_at');
    const container = (0,json/* isObject */.G)(item.metadata) && (0,json/* isObject */.G)(item.metadata.container) ? item.metadata.container : {};
    const tags = Array.isArray(container.tags)
        ? container.tags.filter((t) => typeof t === 'string')
        : [];
    return { id: item.id, digest: item.name, tags, createdAt, updatedAt };
}

// EXTERNAL MODULE: ./src/core/concurrency.ts
var concurrency = __webpack_require__(88904);
// EXTERNAL MODULE: ./src/core/manifest.ts
var core_manifest = __webpack_require__(84414);
// EXTERNAL MODULE: ./src/core/prune-plan.ts
var prune_plan = __webpack_require__(65067);
// EXTERNAL MODULE: ./src/registry/hosts.ts
var hosts = __webpack_require__(91604);
;// CONCATENATED MODULE: ./src/prune/prune-step.ts







/** DELETEs to GitHub's API in flight at once: as many as a registry host gets, a pace its limits accept. */
const ApiDeletesAtOnce = hosts/* DefaultRequestsPerHost */.vD;
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
        const name = (0,reference/* formatRepository */.Sh)(repository);
        if (!options.githubRegistryHosts.includes(repository.registry)) {
            const skipped = `${repository.registry} is not GitHub's container registry (${options.githubRegistryHosts.join(', ')}): ` +
                `its untagged content cannot be listed there, so nothing was pruned. Add the host to '${names/* Input */.pd.GithubRegistryHosts}' if it is a GitHub Enterprise Server's.`;
            logger.info(`${name}: ${skipped}`);
            results.push({ repository, skipped, deleted: [] });
            continue;
        }
        if (!options.token) {
            throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.GithubToken)} is empty: pruning ${name} needs a token that may read and delete its package versions ('permissions: packages: write').`);
        }
        const packages = (api ??= context.packages(options));
        results.push(await group(`Plan the clean-up of ${name}`, () => planImage(repository, packages, options, now, context)));
    }
    for (const result of results) {
        const { plan, repository } = result;
        if (!plan || !api || options.dryRun || plan.deletions.length === 0)
            continue;
        const packages = api;
        await group(`Delete from ${(0,reference/* formatRepository */.Sh)(repository)}`, () => deletePlanned(repository, plan, packages, result.deleted, logger));
    }
    return { images: results, dryRun: options.dryRun, deleted: results.flatMap(r => r.deleted) };
}
async function planImage(repository, api, options, now, { registry, logger }) {
    const name = (0,reference/* formatRepository */.Sh)(repository);
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
    const plan = (0,prune_plan/* planPrune */.w)(versions, links, now, options.minAgeMs);
    for (const kept of plan.kept)
        logger.info(`Keep ${kept.version.digest}: ${kept.why}`);
    const verb = options.dryRun ? 'Would delete' : 'To delete';
    for (const deletion of plan.deletions.flat()) {
        logger.info(`${verb} ${deletion.version.digest} (${(0,prune_plan/* formatAge */.n)(deletion.ageMs)} old): ${deletion.why}`);
    }
    logger.info(`${name}: ${plan.kept.length} version(s) kept, ${plan.deletions.flat().length} ${options.dryRun ? 'would be' : 'to be'} deleted`);
    return { repository, plan, deleted: [] };
}
/** Every version's manifest, read from the registry; one that cannot be read stops the prune. */
async function readLinks(repository, versions, registry) {
    const links = new Map();
    await (0,concurrency/* mapLimit */.s)(versions, hosts/* DefaultRequestsPerHost */.vD, async (version) => {
        const where = `${(0,reference/* formatRepository */.Sh)(repository)}@${version.digest}`;
        try {
            const manifest = await registry.getManifest(repository, version.digest);
            links.set(version.digest, (0,core_manifest/* parseManifestLinks */.YY)(manifest.bytes, where));
        }
        catch (error) {
            throw new Error(`Reading ${where} failed, so what it references is unknown; nothing was deleted. ${error.message}`, { cause: error });
        }
    });
    return links;
}
/** Deletes batch after batch (referencing versions first); a failure names what was deleted already. */
async function deletePlanned(repository, plan, api, deleted, logger) {
    const name = (0,reference/* formatRepository */.Sh)(repository);
    try {
        for (const batch of plan.deletions) {
            await (0,concurrency/* mapLimit */.s)(batch, ApiDeletesAtOnce, async ({ version }) => {
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

// EXTERNAL MODULE: ./src/registry/tuning.ts
var tuning = __webpack_require__(45830);
// EXTERNAL MODULE: ./src/action/step-context.ts + 7 modules
var step_context = __webpack_require__(92519);
// EXTERNAL MODULE: ./src/action/summary.ts
var summary = __webpack_require__(38770);
;// CONCATENATED MODULE: ./src/action/prune-mode.ts






/** The prune mode on its own schedule. */
async function pruneMode(settings, shell) {
    // Reading manifests needs pull access only.
    await (0,step_context/* withRegistry */.u$)(settings, [], shell, registry => prune(settings.images, settings.prune, registry, shell));
}
/** Prunes `images`, sets the `pruned` output and writes the summary (also after a merge with `prune: true`). */
async function prune(images, options, registry, shell) {
    const { logger, group } = shell;
    const result = await runPrune(images, options, {
        registry,
        packages: ({ apiUrl, token }) => githubPackagesApi({ apiUrl, token, ...(0,tuning/* registryTuning */.N)(shell.env), logger }),
        logger,
        group,
    });
    shell.setOutput(names/* Output */.k7.Pruned, result.deleted.join('\n'));
    await shell.writeSummary((0,summary/* pruneSummary */.tG)(result));
}


/***/ }),

/***/ 38770:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fD: () => (/* binding */ mergeSummary),
/* harmony export */   fR: () => (/* binding */ buildSummary),
/* harmony export */   iC: () => (/* binding */ runnerName),
/* harmony export */   tG: () => (/* binding */ pruneSummary)
/* harmony export */ });
/* unused harmony export duration */
/* harmony import */ var _core_descriptor_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96090);
/* harmony import */ var _core_media_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37407);
/* harmony import */ var _core_platform_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(90692);
/* harmony import */ var _core_prune_plan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(65067);
/* harmony import */ var _core_reference_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(55378);





/** The job summary of a build step: the platform, the runner, what was pushed and how long it took. */
function buildSummary(result, facts) {
    const rows = [header('Platform', 'Runner', 'Digest', 'Manifest size', 'Time')];
    const platform = (0,_core_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(result.platform);
    const time = duration(facts.durationMs);
    if (result.pushed) {
        rows.push([platform, facts.runner, code(result.pushed.digest), bytes(result.pushed.size), time]);
    }
    else
        rows.push([platform, facts.runner, 'not pushed', '', time]);
    return { heading: `Built ${platform}`, rows, refs: result.archRefs };
}
/** The job summary of a merge: the index, each platform with its digest and size, and every ref published. */
function mergeSummary(result) {
    const rows = [header('Platform', 'Digest', 'Manifest size', 'From')];
    const kind = (0,_core_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isDockerMediaType */ .pp)(result.index.mediaType) ? 'Docker manifest list' : 'OCI image index';
    rows.push(['index', code(result.digest), bytes(result.index.bytes.length), kind]);
    for (const child of result.index.manifests) {
        const source = result.sources.find(s => s.image.digest === child.digest || s.attestations.some(a => a.digest === child.digest));
        const platform = (0,_core_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .isAttestation */ .H3)(child)
            ? `${referenceKind(child)} of ${source ? (0,_core_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(source.platform) : '?'}`
            : (0,_core_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(child.platform);
        rows.push([platform, code(child.digest), bytes(child.size), source?.origin ?? '']);
    }
    const notes = [
        ...result.leftOut.map(p => `Published without ${(0,_core_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(p)}: an optional platform with no image.`),
        ...result.kept.map(ref => `Kept ${ref}: it points at a newer index, so it was not moved.`),
    ];
    return { heading: `Published index ${result.digest}`, rows, refs: result.refs, notes };
}
/** `attestation` for buildx's attestation manifests; any other reference type as the builder named it. */
function referenceKind(child) {
    const type = child.annotations?.[_core_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .AttestationAnnotation */ .GY.ReferenceType];
    return type === _core_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .AttestationAnnotation */ .GY.AttestationManifest ? 'attestation' : (type ?? 'attestation');
}
/** The runner as the summary names it: GitHub's `RUNNER_NAME` and the hosted image's `ImageOS`. */
function runnerName(env) {
    const { RUNNER_NAME: name, ImageOS: image } = env;
    return name && image ? `${name} (${image})` : (name ?? image ?? '');
}
function header(...cells) {
    return cells.map(data => ({ data, header: true }));
}
function code(text) {
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
    const rows = [header('Image', 'Digest', 'Tags', 'Age', 'Decision', 'Why')];
    let planned = 0;
    for (const image of result.images) {
        const name = (0,_core_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .formatRepository */ .Sh)(image.repository);
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
            rows.push([name, code(deletion.version.digest), '', (0,_core_prune_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .formatAge */ .n)(deletion.ageMs), done, deletion.why]);
        }
        for (const kept of image.plan.kept) {
            rows.push([
                name,
                code(kept.version.digest),
                kept.version.tags.join(', '),
                (0,_core_prune_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .formatAge */ .n)(kept.ageMs),
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


/***/ }),

/***/ 84414:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A1: () => (/* binding */ parseIndex),
/* harmony export */   Pj: () => (/* binding */ parseManifestAnnotations),
/* harmony export */   Sw: () => (/* binding */ parseImageManifest),
/* harmony export */   YY: () => (/* binding */ parseManifestLinks),
/* harmony export */   jN: () => (/* binding */ parseConfigPlatform)
/* harmony export */ });
/* harmony import */ var _descriptor_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96090);
/* harmony import */ var _json_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86153);
/* harmony import */ var _media_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37407);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(90692);




/** Parses manifest bytes of the given media type as an index; `where` names the reference for errors. */
function parseIndex(bytes, mediaType, where) {
    const value = parseJsonObject(bytes, where);
    if (!(0,_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isIndexMediaType */ .$$)(mediaType))
        throw new Error(`${where} is ${mediaType}, not an image index.`);
    if (!Array.isArray(value.manifests))
        throw new Error(`${where} is not a valid image index: it has no 'manifests' list.`);
    const index = {
        mediaType,
        manifests: value.manifests.map((m, i) => (0,_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDescriptor */ .BA)(m, `${where} manifests[${i}]`)),
    };
    if ((0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .isStringMap */ .U)(value.annotations))
        index.annotations = value.annotations;
    return index;
}
/** Parses manifest bytes as an image manifest (config and layers). */
function parseImageManifest(bytes, mediaType, where) {
    const value = parseJsonObject(bytes, where);
    if (!(0,_media_types_js__WEBPACK_IMPORTED_MODULE_1__/* .isImageManifestMediaType */ .d6)(mediaType))
        throw new Error(`${where} is ${mediaType}, not an image manifest.`);
    if (!Array.isArray(value.layers))
        throw new Error(`${where} is not a valid image manifest: it has no 'layers' list.`);
    return {
        mediaType,
        config: (0,_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDescriptor */ .BA)(value.config, `${where} config`),
        layers: value.layers.map((l, i) => (0,_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDescriptor */ .BA)(l, `${where} layers[${i}]`)),
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
    return (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .normalizePlatform */ .FL)(platform);
}
/** A manifest's own annotations, whatever its media type (index or image); empty when it has none. */
function parseManifestAnnotations(bytes, where) {
    const value = parseJsonObject(bytes, where);
    return (0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .isStringMap */ .U)(value.annotations) ? value.annotations : {};
}
function parseJsonObject(bytes, where) {
    let value;
    try {
        value = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new Error(`${where} is not JSON (${bytes.length} bytes starting ${JSON.stringify(bytes.subarray(0, 40).toString('utf8'))}).`);
    }
    if (!(0,_json_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(value))
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
        ? value.manifests.map((m, i) => (0,_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDescriptor */ .BA)(m, `${where} manifests[${i}]`).digest)
        : [];
    if (value.subject === undefined)
        return { children };
    return { children, subject: (0,_descriptor_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDescriptor */ .BA)(value.subject, `${where} subject`).digest };
}


/***/ }),

/***/ 65067:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ formatAge),
/* harmony export */   w: () => (/* binding */ planPrune)
/* harmony export */ });
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(55543);

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
        const through = `${(0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .shortDigest */ .VK)(parent.digest)} (${root})`;
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
            ? `untagged; referenced only by versions deleted too (${parents.map(_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .shortDigest */ .VK).join(', ')})`
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


/***/ })

};
