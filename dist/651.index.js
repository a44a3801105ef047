export const id = 651;
export const ids = [651];
export const modules = {

/***/ 96745:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ newestAttempts),
/* harmony export */   j: () => (/* binding */ selectRecords)
/* harmony export */ });
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(55378);

/**
 * Chooses the records that belong to this merge: for these images, from this run, and per platform only the
 * newest attempt not after the merge's own (re-running a failed leg writes a second record; only the newest
 * counts, so attempts never mix). Two different records of one attempt for one platform are an error.
 */
function selectRecords(records, images, run) {
    const wanted = new Set(images.map(_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .formatRepository */ .Sh));
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


/***/ }),

/***/ 61651:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  artifactTransport: () => (/* binding */ artifactTransport)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/core/digest.ts
var digest = __webpack_require__(55543);
// EXTERNAL MODULE: ./src/core/platform.ts
var core_platform = __webpack_require__(90692);
// EXTERNAL MODULE: ./src/core/record.ts
var core_record = __webpack_require__(14130);
// EXTERNAL MODULE: ./src/settings/names.ts
var names = __webpack_require__(14761);
// EXTERNAL MODULE: ./src/core/selection.ts
var selection = __webpack_require__(96745);
;// CONCATENATED MODULE: ./src/handoff/artifact-names.ts



/*
 * Digest records travel as one workflow artifact per build, named
 *
 *   native-multiarch_<images>_<platform>_attempt-<attempt>_<digest>
 *   native-multiarch_3f9a1c2b7d4e_linux-arm-v7_attempt-2_0123456789ab
 *
 * <images>   the first 12 hex digits of a sha256 over the sorted, de-duplicated, lower-cased images and the
 *            optional key: two image sets in one run, or one reusable workflow called twice with different
 *            keys, never see each other's records. A merge takes only artifacts whose name matches the whole
 *            pattern and carries exactly its own hash: never a prefix or a glob.
 * <platform> the platform slug (linux-arm-v7): matrix legs differ here.
 * <attempt>  the run attempt of the job that uploaded it: "re-run failed jobs" shares the run's artifact
 *            namespace, so attempt 2 must not reuse attempt 1's name (GitHub answers 409 Conflict).
 * <digest>   the first 12 hex digits of the pushed digest: two pushes of one platform in one attempt (a
 *            misconfigured workflow) still get two artifacts, and the merge, not the upload, reports it.
 *
 * Underscores separate the fields because platform slugs use dashes. GitHub refuses names with
 * " : < > | * ? \r \n \ / and names over 256 characters; these names use none of those characters and are at
 * most 125 characters long.
 */
const ArtifactNamePrefix = 'native-multiarch';
/** What GitHub's artifact service accepts (CreateArtifact answers 400 above it). */
const MaxArtifactNameLength = 256;
const MaxPlatformSlugLength = 64;
const HashLength = 12;
const SlugPattern = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
const NamePattern = new RegExp(`^${ArtifactNamePrefix}_([0-9a-f]{${HashLength}})_([a-z0-9]+(?:[.-][a-z0-9]+)*)_attempt-([1-9][0-9]{0,8})_([0-9a-f]{12})$`);
/** The artifact name for one build's record; throws if the platform or attempt cannot be written into it. */
function recordArtifactName(fields) {
    const platform = (0,core_platform/* platformSlug */.DN)((0,core_platform/* parsePlatform */.Y8)(fields.platform, 'Digest record platform'));
    if (!SlugPattern.test(platform) || platform.length > MaxPlatformSlugLength) {
        throw new Error(`Platform '${fields.platform}' cannot be part of an artifact name: expected os/arch[/variant] of lowercase letters and digits, at most ${MaxPlatformSlugLength} characters.`);
    }
    if (!Number.isInteger(fields.attempt) || fields.attempt < 1 || fields.attempt > 999_999_999) {
        throw new Error(`Run attempt ${fields.attempt} cannot be part of an artifact name: expected a positive integer (GITHUB_RUN_ATTEMPT).`);
    }
    const hash = (0,core_record/* imagesKey */.a5)(fields.images, fields.key);
    return `${ArtifactNamePrefix}_${hash}_${platform}_attempt-${fields.attempt}_${(0,digest/* shortDigest */.VK)(fields.digest)}`;
}
/** Reads a digest record artifact's name, or returns undefined if the whole name is not of that form. */
function parseRecordArtifactName(name) {
    const match = NamePattern.exec(name);
    if (!match || name.length > MaxArtifactNameLength)
        return undefined;
    const [, hash, platform, attempt, digest] = match;
    if (platform.length > MaxPlatformSlugLength)
        return undefined;
    return { imagesHash: hash, platform, attempt: Number(attempt), digest };
}

;// CONCATENATED MODULE: ./src/handoff/artifacts.ts









/**
 * Hands digest records over as workflow artifacts of the current run, one artifact per build, named as
 * artifact-names.ts describes. @actions/artifact is loaded on first use: it is large, and only this
 * transport needs it.
 */
function artifactTransport(options) {
    let client;
    const hand = {
        options,
        hash: (0,core_record/* imagesKey */.a5)(options.images, options.key),
        client: () => (client ??= Promise.all(/* import() */[__webpack_require__.e(260), __webpack_require__.e(341)]).then(__webpack_require__.bind(__webpack_require__, 74341)).then(module => new module.DefaultArtifactClient())),
        listed: [],
    };
    return { put: record => put(hand, record), list: () => list(hand), cleanup: () => cleanup(hand) };
}
async function put(hand, record) {
    const name = recordArtifactName({
        images: record.images,
        key: hand.options.key,
        platform: record.platform,
        attempt: hand.options.run.attempt,
        digest: record.digest,
    });
    const directory = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'native-multiarch-record-'));
    try {
        const file = (0,external_node_path_.join)(directory, (0,core_record/* recordFileName */.Tb)(record));
        await (0,promises_.writeFile)(file, (0,core_record/* serializeRecord */.Om)(record));
        await (await hand.client()).uploadArtifact(name, [file], directory);
    }
    catch (error) {
        if (artifactServiceStatus(error) === 409) {
            throw new Error(`Artifact ${name} already exists in this workflow run: run attempt ${hand.options.run.attempt} already handed over ` +
                `the ${record.platform} build ${record.digest} of ${record.images.join(', ')}. Build each platform once per ` +
                `run attempt; if the action runs twice for the same images in one workflow, give each call its own key.`);
        }
        throw new Error(`Could not upload the ${record.platform} digest record as artifact ${name}: ${messageOf(error)}`);
    }
    finally {
        await (0,promises_.rm)(directory, { recursive: true, force: true });
    }
    hand.options.logger.debug(`Uploaded the ${record.platform} digest record as artifact ${name}`);
    return `artifact ${name}`;
}
async function list(hand) {
    const artifactsClient = await hand.client();
    const { artifacts } = await artifactsClient.listArtifacts({ latest: true });
    const ours = artifacts.flatMap((artifact) => {
        const name = parseRecordArtifactName(artifact.name);
        if (name && name.imagesHash !== hand.hash) {
            hand.options.logger.debug(`Skipping artifact ${artifact.name}: a digest record for other images or another key`);
        }
        return name?.imagesHash === hand.hash ? [{ artifact, name }] : [];
    });
    hand.options.logger.info(`Found ${ours.length} digest record artifact(s) for these images among ${artifacts.length} in this run`);
    // Only the newest attempt's per platform is downloaded: an earlier one may not even be served any more.
    const { newest, skipped } = (0,selection/* newestAttempts */.N)(ours, hand.options.run.attempt, ({ name }) => ({
        platform: name.platform,
        run: { attempt: name.attempt },
    }));
    for (const { item, reason } of skipped)
        hand.options.logger.info(`Not reading artifact ${item.artifact.name}: ${reason}`);
    const directory = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'native-multiarch-records-'));
    try {
        // Settled, not all: the directory is removed below, and no download may still be writing into it.
        const results = await Promise.allSettled(newest.flat().map((named, i) => receive(hand, artifactsClient, named, (0,external_node_path_.join)(directory, String(i)))));
        const failed = results.find(result => result.status === 'rejected');
        if (failed)
            throw failed.reason;
        // The hand-off of these images in this run is used up once the index is out.
        hand.listed = ours;
        return results.flatMap(result => (result.status === 'fulfilled' ? [result.value] : []));
    }
    finally {
        await (0,promises_.rm)(directory, { recursive: true, force: true });
    }
}
async function cleanup(hand) {
    const found = hand.listed;
    hand.listed = [];
    if (found.length === 0)
        return;
    if (hand.options.keep) {
        hand.options.logger.info(`Keeping ${found.length} digest record artifact(s), as asked`);
        return;
    }
    const artifactsClient = await hand.client();
    const results = await Promise.allSettled(found.map(({ artifact }) => artifactsClient.deleteArtifact(artifact.name)));
    let earlier = 0;
    results.forEach((result, i) => {
        if (result.status === 'fulfilled')
            return;
        // The index is published by now; a leftover record only waits for its retention to end. An earlier
        // attempt's is expected to stay, as the artifact service may not let a later attempt touch it.
        const { artifact, name } = found[i];
        const why = `Could not delete digest record artifact ${artifact.name}: ${messageOf(result.reason)}`;
        if (name.attempt < hand.options.run.attempt) {
            earlier++;
            hand.options.logger.debug(why);
        }
        else
            hand.options.logger.warning(why);
    });
    hand.options.logger.info(`Deleted ${results.filter(r => r.status === 'fulfilled').length} digest record artifact(s)`);
    if (earlier) {
        hand.options.logger.info(`${earlier} digest record artifact(s) of earlier run attempts could not be deleted from this attempt; they stay until their retention ends`);
    }
}
/** Downloads one record artifact into `directory` and checks that it holds what its name says. */
async function receive(hand, artifactsClient, { artifact, name }, directory) {
    const source = `artifact ${artifact.name}`;
    const invalid = (why) => new Error(`Digest record ${source} is not valid: ${why}. Re-run the build step that wrote it.`);
    // A zipped record is smaller than the record; anything larger is not ours, so don't fetch it.
    if (artifact.size > core_record/* MaxRecordBytes */.$M)
        throw invalid(`it is ${artifact.size} bytes, more than any record`);
    const downloadOptions = artifact.digest
        ? { path: directory, expectedHash: artifact.digest }
        : { path: directory };
    let mismatch;
    try {
        mismatch = (await artifactsClient.downloadArtifact(artifact.id, downloadOptions)).digestMismatch;
    }
    catch (error) {
        const context = {
            attempt: hand.options.run.attempt,
            logger: hand.options.logger,
            ...(hand.options.api && { api: hand.options.api }),
        };
        mismatch = await fetchEarlierAttempt(artifactsClient, { artifact, name }, downloadOptions, error, context);
    }
    if (mismatch)
        throw invalid(`its content does not match the digest ${artifact.digest} recorded at upload`);
    const files = await (0,promises_.readdir)(directory);
    if (files.length !== 1 || !files[0].endsWith('.json')) {
        throw invalid(`it holds ${files.length ? files.join(', ') : 'nothing'}, expected one .json record file`);
    }
    const record = (0,core_record/* parseRecord */.Hh)(await readAtMost((0,external_node_path_.join)(directory, files[0]), core_record/* MaxRecordBytes */.$M + 1), source);
    const differences = [
        (0,core_platform/* platformSlug */.DN)((0,core_platform/* parsePlatform */.Y8)(record.platform, source)) !== name.platform && `platform ${record.platform}`,
        (0,digest/* shortDigest */.VK)(record.digest) !== name.digest && `digest ${record.digest}`,
        (0,core_record/* imagesKey */.a5)(record.images, hand.options.key) !== hand.hash && `images ${record.images.join(', ')}`,
        record.run.attempt !== name.attempt && `attempt ${record.run.attempt}`,
    ].filter(Boolean);
    if (differences.length)
        throw invalid(`its name does not match its content (${differences.join('; ')})`);
    return { record, source };
}
/**
 * The second way to a record that the runner's artifact service would not serve: if an earlier run attempt
 * uploaded it ("Re-run failed jobs" keeps the legs that passed), GitHub's REST API reads it for the whole run.
 * A record of this attempt that failed is reported as it is; so is one with no API to ask, saying what to do.
 */
async function fetchEarlierAttempt(artifactsClient, { artifact, name }, downloadOptions, serviceError, context) {
    const failed = `Could not download digest record artifact ${artifact.name}: ${sentence(messageOf(serviceError))}`;
    const uploadedBy = name.attempt;
    if (uploadedBy >= context.attempt)
        throw new Error(`${failed}.`);
    const why = `It was uploaded by run attempt ${uploadedBy}, and the artifact service did not serve it to attempt ${context.attempt}`;
    if (!context.api) {
        throw new Error(`${failed}. ${why}; set input '${names/* Input */.pd.GithubToken}' to a token with 'actions: read' to read it through ` +
            `the REST API, or re-run all jobs.`);
    }
    const [repositoryOwner = '', repositoryName = ''] = context.api.repository.split('/');
    const findBy = {
        token: context.api.token,
        workflowRunId: context.api.runId,
        repositoryOwner,
        repositoryName,
    };
    context.logger.info(`${why}: reading artifact ${artifact.name} through GitHub's REST API`);
    try {
        const { digestMismatch } = await artifactsClient.downloadArtifact(artifact.id, {
            ...downloadOptions,
            findBy,
        });
        return digestMismatch ?? false;
    }
    catch (error) {
        // Octokit's errors carry the HTTP status and GitHub's message.
        const status = error.status;
        const message = sentence(messageOf(error));
        const answer = typeof status === 'number' ? `HTTP ${status}: ${message}` : message;
        const hint = status === 403 && /not accessible/i.test(message)
            ? ` Give the merge job 'permissions: actions: read' (with the default '${names/* Input */.pd.GithubToken}'), or pass a token that has it.`
            : status === 401
                ? ` The token in '${names/* Input */.pd.GithubToken}' was not accepted: is it valid and unexpired?`
                : '';
        throw new Error(`${failed}. ${why}, and reading it through the REST API failed too: ${answer}.${hint}`);
    }
}
/** The first `bytes` bytes of a file as text: enough for parseRecord to refuse an oversized one. */
async function readAtMost(file, bytes) {
    const handle = await (0,promises_.open)(file);
    try {
        const buffer = Buffer.alloc(bytes);
        const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
        return buffer.subarray(0, bytesRead).toString('utf8');
    }
    finally {
        await handle.close();
    }
}
/** A message to go inside a sentence: without the full stop some messages end with. */
function sentence(message) {
    return message.replace(/\.+$/, '');
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
/**
 * The HTTP status the artifact service answered, as far as @actions/artifact tells it: its Twirp client
 * reports a failed request only as text (`Failed request: (409) Conflict`), with no status field to read.
 * This is the one place that reads it, so a client that gains a field changes only here.
 */
function artifactServiceStatus(error) {
    const status = /Failed request: \((\d{3})\)/.exec(messageOf(error))?.[1] ?? /\((\d{3})\)/.exec(messageOf(error))?.[1];
    return status === undefined ? undefined : Number(status);
}


/***/ })

};
