import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 52300:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./src/core/reference.ts
var core_reference = __nccwpck_require__(55378);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(76760);
// EXTERNAL MODULE: ./src/core/logger.ts
var core_logger = __nccwpck_require__(11227);
// EXTERNAL MODULE: ./src/core/record.ts
var core_record = __nccwpck_require__(14130);
// EXTERNAL MODULE: ./src/settings/names.ts
var names = __nccwpck_require__(14761);
// EXTERNAL MODULE: ./src/settings/values.ts
var values = __nccwpck_require__(535);
;// CONCATENATED MODULE: ./src/handoff/directory.ts






/**
 * Records as files in a directory the user carries between jobs (their own upload/download-artifact steps, or
 * another CI system's workspace). Subdirectories are read too: download-artifact puts each artifact in one.
 * Links are followed while they stay inside the directory; whatever is passed over is named in the log.
 */
function directoryTransport(dir, options) {
    return {
        async put(record) {
            await (0,promises_.mkdir)(dir, { recursive: true });
            const file = (0,external_node_path_.join)(dir, (0,core_record/* recordFileName */.Tb)(record, options.key));
            await (0,promises_.writeFile)(file, (0,core_record/* serializeRecord */.Om)(record));
            return file;
        },
        async list() {
            const hint = "Point it at where the build steps' records were downloaded.";
            const info = await (0,promises_.stat)(dir).catch((error) => {
                // Only a missing path is "missing": EACCES on a parent, say, must reach the user as it is.
                if (error.code === 'ENOENT')
                    throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.DigestsPath)}: '${dir}' does not exist. ${hint}`);
                throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.DigestsPath)}: cannot read '${dir}': ${error.message}`);
            });
            if (!info.isDirectory())
                throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.DigestsPath)}: '${dir}' is not a directory. ${hint}`);
            const records = [];
            for (const { path, real } of await recordFiles(dir, options.logger)) {
                const source = shown(path);
                // Read by its resolved path: the file that was checked to lie inside, wherever the link points later.
                const size = (await (0,promises_.stat)(real)).size;
                if (size > core_record/* MaxRecordBytes */.$M)
                    throw new Error(`Digest record ${source} is not valid: it is larger than ${core_record/* MaxRecordBytes */.$M} bytes.`);
                records.push({ record: (0,core_record/* parseRecord */.Hh)(await (0,promises_.readFile)(real, 'utf8'), source), source });
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
    const root = await (0,promises_.realpath)(dir);
    const walk = { root, seen: new Map([[root, dir]]), found: [], skipped: [] };
    await readDirectory(dir, root, MaxDepth, walk);
    (0,core_logger/* logSkipped */.fc)(logger, walk.skipped, `entries of '${dir}'`);
    return walk.found;
}
async function readDirectory(dir, real, depth, walk) {
    const entries = await (0,promises_.readdir)(dir, { withFileTypes: true }).catch((error) => {
        throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.DigestsPath)}: cannot read '${dir}': ${error.message}`);
    });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const path = (0,external_node_path_.join)(dir, entry.name);
        const target = entry.isSymbolicLink()
            ? await followLink(path, walk.root)
            : { real: (0,external_node_path_.join)(real, entry.name), kind: kindOf(entry) };
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
        real = await (0,promises_.realpath)(path);
    }
    catch (error) {
        const code = error.code;
        const to = await (0,promises_.readlink)(path).catch(() => '?');
        return {
            reason: code === 'ENOENT'
                ? `it is a broken link (to ${to})`
                : `its link to ${to} cannot be followed (${code})`,
        };
    }
    if (real !== root && !real.startsWith(root + external_node_path_.sep))
        return { reason: `it links to ${real}, outside the records directory ${root}` };
    return { real, kind: kindOf(await (0,promises_.stat)(real)) };
}
function kindOf(entry) {
    if (entry.isFile())
        return 'file';
    if (entry.isDirectory())
        return 'directory';
    return entry.isFIFO() ? 'named pipe' : entry.isSocket() ? 'socket' : 'device';
}
function shown(path) {
    return (0,external_node_path_.relative)(process.cwd(), path) || path;
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(73024);
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
function inertLog(text, token = () => (0,external_node_crypto_.randomUUID)().replace(/-/g, '')) {
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
function formatOutput(name, value, delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`) {
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
                (0,external_node_fs_.appendFileSync)(env.GITHUB_OUTPUT, formatOutput(name, value));
            else
                outputLines(name, value).forEach(sink);
        },
        async writeSummary(summary) {
            // Outside a runner there is no summary file; the log already has it all.
            if (env.GITHUB_STEP_SUMMARY)
                await (0,promises_.appendFile)(env.GITHUB_STEP_SUMMARY, formatSummary(summary));
        },
        /** Reports the failure as an error annotation and makes the step fail. */
        fail(message) {
            process.exitCode = 1;
            sink(formatCommand('error', message));
        },
    };
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(48161);
// EXTERNAL MODULE: ./src/core/json.ts
var json = __nccwpck_require__(86153);
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
            payload = JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
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
    return (0,json/* isObject */.G)(value) ? value : {};
}

// EXTERNAL MODULE: ./src/core/digest.ts
var digest = __nccwpck_require__(55543);
// EXTERNAL MODULE: ./src/core/platform.ts
var core_platform = __nccwpck_require__(90692);
// EXTERNAL MODULE: ./src/core/tag-order.ts + 1 modules
var tag_order = __nccwpck_require__(7140);
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
    if (!(0,json/* isObject */.G)(value)) {
        throw new Error(`${where} is not a JSON object. Expected docker/metadata-action's 'json' output.`);
    }
    const { tags = [], labels = {}, annotations = [] } = value;
    const strings = (list, field) => {
        if (!Array.isArray(list) || !list.every(item => typeof item === 'string'))
            throw new Error(`${where}: '${field}' must be a list of strings.`);
        return list;
    };
    if (!(0,json/* isStringMap */.U)(labels)) {
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
    const mode = read(names/* Input */.pd.Mode).trim();
    if (!names/* Modes */.dX.includes(mode)) {
        throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.Mode)}: '${mode}' is not a mode. Expected one of: ${names/* Modes */.dX.join(', ')}.`);
    }
    if (mode === 'prune')
        return parsePruneSettings(read, environment);
    return mode === 'build'
        ? parseBuildSettings(read, environment)
        : parseMergeSettings(read, environment);
}
/** `images`: at least one, duplicates dropped. */
function parseImages(read) {
    const images = (0,values/* parseList */.E1)(read(names/* Input */.pd.Images)).map(image => (0,core_reference/* parseRepository */.SU)(image, (0,values/* inputLabel */.NB)(names/* Input */.pd.Images)));
    if (images.length === 0) {
        throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.Images)} is required: one or more image names without tag, e.g. ghcr.io/acme/app.`);
    }
    return [...new Map(images.map(image => [(0,core_reference/* formatRepository */.Sh)(image), image])).values()];
}
function parseCommon(read, { env }) {
    const digestsPath = read(names/* Input */.pd.DigestsPath).trim() || undefined;
    const common = {
        images: parseImages(read),
        artifacts: !digestsPath && env.GITHUB_ACTIONS === 'true',
        insecureRegistries: (0,values/* parseList */.E1)(read(names/* Input */.pd.InsecureRegistries)),
        handoffKey: read(names/* Input */.pd.HandoffKey).trim(),
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
        throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.HandoffKey)}: '${common.handoffKey}' must be 1-40 of A-Z a-z 0-9 . _ -.`);
    }
    return common;
}
function parseBuildSettings(read, environment) {
    const common = parseCommon(read, environment);
    const metadata = readMetadata(read, environment);
    const runner = (0,core_platform/* runnerPlatform */.GQ)(environment.env.RUNNER_ARCH, environment.machine);
    const platformText = read(names/* Input */.pd.Platform).trim();
    if ((0,values/* parseList */.E1)(platformText).length > 1) {
        throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.Platform)}: '${platformText}' names several platforms; a build step builds one. Use a matrix with one platform per job.`);
    }
    const platform = platformText ? (0,core_platform/* parsePlatform */.Y8)(platformText, (0,values/* inputLabel */.NB)(names/* Input */.pd.Platform)) : runner;
    const builder = read(names/* Input */.pd.Builder).trim() || 'auto';
    if (builder !== 'auto' && !names/* BuilderNames */.sL.includes(builder)) {
        throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.Builder)}: '${builder}' is not a builder. Expected one of: auto, ${names/* BuilderNames */.sL.join(', ')}.`);
    }
    const archTags = (0,values/* parseList */.E1)(read(names/* Input */.pd.ArchTags));
    for (const tag of archTags)
        checkTag(tag, names/* Input */.pd.ArchTags);
    const slug = (0,core_platform/* platformSlug */.DN)(platform);
    const scope = `${common.images[0].path.replace(/[^A-Za-z0-9._-]/g, '-')}-${slug}`;
    const settings = {
        ...common,
        mode: 'build',
        platform,
        runnerPlatform: runner,
        builder: builder,
        context: read(names/* Input */.pd.Context).trim() || '.',
        buildArgs: (0,values/* parseLines */.Li)(read(names/* Input */.pd.BuildArgs)).map(arg => checkKeyValue(arg, names/* Input */.pd.BuildArgs)),
        labels: buildLabels(metadata?.metadata, (0,values/* parseLines */.Li)(read(names/* Input */.pd.Labels))),
        cacheFrom: (0,values/* parseLines */.Li)(read(names/* Input */.pd.CacheFrom)).map(entry => withGhaScope(entry, scope)),
        cacheTo: (0,values/* parseLines */.Li)(read(names/* Input */.pd.CacheTo)).map(entry => withGhaScope(entry, scope)),
        push: (0,values/* parseBoolean */.yG)(read(names/* Input */.pd.Push), names/* Input */.pd.Push, true),
        archTags,
    };
    const file = read(names/* Input */.pd.File).trim();
    const target = read(names/* Input */.pd.Target).trim();
    if (file)
        settings.file = file;
    if (target)
        settings.target = target;
    if (metadata?.metadata.annotations.length) {
        settings.notices.push(`The ${metadata.metadata.annotations.length} annotation(s) in ${metadata.origin} are not set on the ${(0,core_platform/* formatPlatform */.Bq)(platform)} image: ` +
            `the build step sets labels only. Index-level ones (index:key=value) go on the index in the merge step.`);
    }
    return settings;
}
/** metadata-action's labels with the `labels` input over them, key by key. */
function buildLabels(metadata, lines) {
    const labels = new Map(Object.entries(metadata?.labels ?? {}));
    for (const line of lines) {
        checkKeyValue(line, names/* Input */.pd.Labels);
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
    const platforms = parsePlatforms(read, names/* Input */.pd.Platforms);
    const settings = {
        ...common,
        mode: 'merge',
        tags,
        digests: (0,values/* parseList */.E1)(read(names/* Input */.pd.Digests)).map(text => parseDigestSource(text, common.images[0])),
        annotations: mergeAnnotations(read, environment, tags, metadata, common.notices),
        verifyPlatforms: (0,values/* parseBoolean */.yG)(read(names/* Input */.pd.VerifyPlatforms), names/* Input */.pd.VerifyPlatforms, false),
        keepArtifacts: (0,values/* parseBoolean */.yG)(read(names/* Input */.pd.KeepArtifacts), names/* Input */.pd.KeepArtifacts, false),
        githubToken: read(names/* Input */.pd.GithubToken).trim(),
        optionalPlatforms: parsePlatforms(read, names/* Input */.pd.OptionalPlatforms),
        tagPolicy: parseTagPolicy(read),
    };
    if (platforms.length)
        settings.platforms = platforms;
    if ((0,values/* parseBoolean */.yG)(read(names/* Input */.pd.Prune), names/* Input */.pd.Prune, false))
        settings.prune = parsePruneOptions(read, environment);
    return settings;
}
/** A list of platforms, none twice. */
function parsePlatforms(read, input) {
    const platforms = (0,values/* parseList */.E1)(read(input)).map(p => (0,core_platform/* parsePlatform */.Y8)(p, (0,values/* inputLabel */.NB)(input)));
    platforms.forEach((p, i) => {
        if (platforms.findIndex(q => (0,core_platform/* samePlatform */.my)(p, q)) !== i) {
            throw new Error(`${(0,values/* inputLabel */.NB)(input)}: ${(0,core_platform/* formatPlatform */.Bq)(p)} is listed twice.`);
        }
    });
    return platforms;
}
function parseTagPolicy(read) {
    const policy = read(names/* Input */.pd.TagPolicy).trim() || 'forward';
    if (!tag_order/* TagPolicies */.Lb.includes(policy)) {
        throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.TagPolicy)}: '${policy}' is not a tag policy. Expected forward (a tag never moves to an older index) or always.`);
    }
    return policy;
}
function parsePruneSettings(read, environment) {
    return {
        mode: 'prune',
        images: parseImages(read),
        insecureRegistries: (0,values/* parseList */.E1)(read(names/* Input */.pd.InsecureRegistries)),
        notices: [],
        prune: parsePruneOptions(read, environment),
    };
}
/** GitHub's container registry; a GitHub Enterprise Server adds its own hosts in `github-registry-hosts`. */
const GitHubContainerRegistry = 'ghcr.io';
function parsePruneOptions(read, { env }) {
    const hosts = (0,values/* parseList */.E1)(read(names/* Input */.pd.GithubRegistryHosts));
    for (const host of hosts) {
        if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(host)) {
            throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.GithubRegistryHosts)}: '${host}' is not a registry host. Expected a host name with an optional port, e.g. containers.github.example.com.`);
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
        minAgeMs: (0,values/* parseDuration */.E9)(read(names/* Input */.pd.PruneMinAge) || '24h', names/* Input */.pd.PruneMinAge),
        dryRun: (0,values/* parseBoolean */.yG)(read(names/* Input */.pd.DryRun), names/* Input */.pd.DryRun, false),
        githubRegistryHosts: [...new Set([GitHubContainerRegistry, ...hosts])],
        apiUrl: apiText.replace(/\/+$/, ''),
        token: read(names/* Input */.pd.GithubToken).trim(),
    };
}
const MetadataVariable = 'DOCKER_METADATA_OUTPUT_JSON';
function readMetadata(read, { env }) {
    const text = read(names/* Input */.pd.Metadata).trim();
    if (text) {
        const origin = (0,values/* inputLabel */.NB)(names/* Input */.pd.Metadata);
        return { metadata: parseMetadata(text, origin), origin };
    }
    const exported = env[MetadataVariable]?.trim();
    if (!exported)
        return undefined;
    // Any later step of a job that ran metadata-action sees it; say so in errors, since no input named it.
    const origin = `${MetadataVariable} (docker/metadata-action's output, read since ${(0,values/* inputName */.yu)(names/* Input */.pd.Metadata)} is empty)`;
    return { metadata: parseMetadata(exported, origin), origin };
}
/** The index's tags and where they came from, in the order of precedence `MergeSettings.tags` documents. */
function mergeTags(read, { github }, images, metadata) {
    const given = (0,values/* parseList */.E1)(read(names/* Input */.pd.Tags));
    if (given.length) {
        for (const tag of given)
            checkTag(tag, names/* Input */.pd.Tags);
        return { tags: [...new Set(given)], origin: (0,values/* inputLabel */.NB)(names/* Input */.pd.Tags) };
    }
    if (metadata)
        return { tags: metadataTags(metadata, images), origin: metadata.origin };
    if (!github)
        return { tags: ['latest'], origin: 'the default outside GitHub Actions' };
    const derived = deriveTags(github);
    if (!derived?.tags.length) {
        throw new Error(`${(0,values/* inputLabel */.NB)(names/* Input */.pd.Tags)} is empty and this run names nothing to tag (event '${github.eventName}', ref '${github.ref}'). ` +
            `Set ${(0,values/* inputName */.yu)(names/* Input */.pd.Tags)}, or pass docker/metadata-action's output in ${(0,values/* inputName */.yu)(names/* Input */.pd.Metadata)}.`);
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
        if ((0,core_reference/* isValidTag */.r_)(text)) {
            tags.add(text);
            continue;
        }
        const reference = (0,core_reference/* parseReference */.F2)(text, origin);
        if (reference.tag === undefined || reference.digest !== undefined) {
            throw new Error(`${origin}: '${text}' is not a tagged image reference like ghcr.io/acme/app:1.4.`);
        }
        if (!images.some(image => (0,core_reference/* sameRepository */.RB)(image, reference.repository))) {
            throw new Error(`${origin}: '${text}' is a tag of ${(0,core_reference/* formatRepository */.Sh)(reference.repository)}, which is not in ${(0,values/* inputName */.yu)(names/* Input */.pd.Images)} ` +
                `(${images.map(core_reference/* formatRepository */.Sh).join(', ')}). Add it to ${(0,values/* inputName */.yu)(names/* Input */.pd.Images)}, or give metadata-action the same images.`);
        }
        tags.add(reference.tag);
    }
    if (tags.size === 0) {
        throw new Error(`${origin} has no tags: metadata-action's tag rules made none for this event. Add a rule that matches it, or set ${(0,values/* inputName */.yu)(names/* Input */.pd.Tags)}.`);
    }
    return [...tags];
}
/** The index's annotations by precedence; annotations meant for other levels are noted once, not dropped silently. */
function mergeAnnotations(read, { github }, tags, metadata, notices) {
    const fromMetadata = metadata
        ? (0,values/* parseAnnotations */.KX)(metadata.metadata.annotations, metadata.origin)
        : { index: {}, elsewhere: [] };
    const fromInput = (0,values/* parseAnnotations */.KX)((0,values/* parseLines */.Li)(read(names/* Input */.pd.Annotations)), (0,values/* inputLabel */.NB)(names/* Input */.pd.Annotations));
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
    const where = (0,values/* inputLabel */.NB)(names/* Input */.pd.Digests);
    if (/^sha\d+:/.test(text))
        return { text, reference: { repository: firstImage, digest: (0,digest/* parseDigest */.m)(text, where) } };
    const reference = (0,core_reference/* parseReference */.F2)(text, where);
    if (reference.digest === undefined && reference.tag === undefined) {
        throw new Error(`${where}: '${text}' names no tag or digest. Expected sha256:..., repo@sha256:... or repo:tag.`);
    }
    return { text, reference };
}
function checkTag(tag, input) {
    // No tag can hold '/' or ':' (isValidTag): one that does is a reference given where a tag belongs.
    if (tag.includes('/') || tag.includes(':')) {
        throw new Error(`${(0,values/* inputLabel */.NB)(input)}: '${tag}' looks like a full image reference. Give bare tags like 1.4; they apply to every image in ${(0,values/* inputName */.yu)(names/* Input */.pd.Images)}.`);
    }
    if (!(0,core_reference/* isValidTag */.r_)(tag)) {
        throw new Error(`${(0,values/* inputLabel */.NB)(input)}: '${tag}' is not a valid tag. Expected 1-128 of A-Z a-z 0-9 _ . - not starting with . or -.`);
    }
}
function checkKeyValue(entry, input) {
    if (!/^[^=\s][^=]*=/.test(entry))
        throw new Error(`${(0,values/* inputLabel */.NB)(input)}: '${entry}' is not KEY=VALUE.`);
    return entry;
}
/** Gives a `type=gha` cache entry without a scope one per image and platform, so matrix legs keep their own. */
function withGhaScope(entry, scope) {
    const fields = entry.split(',').map(f => f.trim());
    const isGha = fields.includes('type=gha');
    return isGha && !fields.some(f => f.startsWith('scope=')) ? `${entry},scope=${scope}` : entry;
}

// EXTERNAL MODULE: ./src/action/step-context.ts + 7 modules
var step_context = __nccwpck_require__(92519);
;// CONCATENATED MODULE: ./src/action/run-step.ts




/**
 * One build, merge or prune step, whichever shell runs it: reads settings once, runs the mode, sets outputs and
 * the summary. Errors propagate to the shell, which reports them once.
 */
async function runStep(shell, modes) {
    const github = await readGitHubContext(shell.env);
    const settings = parseSettings(shell.read, { env: shell.env, machine: (0,external_node_os_.machine)(), github });
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

;// CONCATENATED MODULE: ./src/action/main.ts





const runner = runnerShell(process.env);
const logger = runner.logger;
/** Each mode in a chunk of its own, parsed only by the step that runs it. */
const modes = {
    build: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(260), __nccwpck_require__.e(749), __nccwpck_require__.e(956)]).then(__nccwpck_require__.bind(__nccwpck_require__, 15956))).buildMode,
    merge: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(749), __nccwpck_require__.e(642)]).then(__nccwpck_require__.bind(__nccwpck_require__, 30642))).mergeMode,
    prune: async () => (await __nccwpck_require__.e(/* import() */ 616).then(__nccwpck_require__.bind(__nccwpck_require__, 63616))).pruneMode,
};
/** The action's entry: the step in a shell of the runner's commands; any failure is reported once, here. */
async function run() {
    try {
        await runStep({ ...runner, env: process.env, transport: transportFor }, modes);
    }
    catch (error) {
        runner.fail((0,step_context/* errorMessage */.gJ)(error));
    }
}
/**
 * `digests-path` when set; otherwise workflow artifacts, which the action uploads and downloads itself; off
 * GitHub Actions without a directory, none (a merge of `digests` alone).
 */
async function transportFor(settings) {
    if (settings.digestsPath)
        return directoryTransport(settings.digestsPath, { key: settings.handoffKey, logger });
    if (!settings.artifacts)
        return noTransport;
    // Loaded only when used: the artifact client is the heaviest part of the bundle.
    const { artifactTransport } = await __nccwpck_require__.e(/* import() */ 651).then(__nccwpck_require__.bind(__nccwpck_require__, 61651));
    return artifactTransport({
        images: settings.images.map(core_reference/* formatRepository */.Sh),
        key: settings.handoffKey,
        run: settings.run,
        logger,
        keep: settings.mode === 'merge' && settings.keepArtifacts,
        ...(settings.mode === 'merge' && { api: runArtifactsApi(settings.githubToken, settings.run.id) }),
    });
}
/** The REST API for this run's artifacts (GITHUB_REPOSITORY), when there is a token and a numeric run id. */
function runArtifactsApi(token, runId) {
    const repository = process.env.GITHUB_REPOSITORY;
    if (!token || !repository || !/^\d+$/.test(runId))
        return undefined;
    return { token, repository, runId: Number(runId) };
}


/***/ }),

/***/ 92519:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  gJ: () => (/* binding */ errorMessage),
  u$: () => (/* binding */ withRegistry),
  p$: () => (/* binding */ withStep)
});

// EXTERNAL MODULE: ./src/core/reference.ts
var core_reference = __nccwpck_require__(55378);
// EXTERNAL MODULE: ./src/registry/content.ts
var content = __nccwpck_require__(95378);
// EXTERNAL MODULE: ./src/registry/errors.ts
var errors = __nccwpck_require__(6764);
// EXTERNAL MODULE: ./src/registry/http.ts + 3 modules
var http = __nccwpck_require__(90628);
// EXTERNAL MODULE: ./src/core/digest.ts
var core_digest = __nccwpck_require__(55543);
// EXTERNAL MODULE: ./src/core/media-types.ts
var media_types = __nccwpck_require__(37407);
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

// EXTERNAL MODULE: ./src/core/logger.ts
var core_logger = __nccwpck_require__(11227);
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
            throw new errors/* RegistryError */.gl(credentials
                ? `Login to ${registry} failed: ${where} rejected the credentials (${said}). Check the username and password or token the login step for ${registry} used.`
                : `Anonymous access to ${registry} was refused by ${where} (${said}). Check that the image name includes the registry (e.g. ghcr.io/acme/app) and that a login step ran for ${registry}.`, refusal);
        }
        if (response.status !== 200) {
            throw new errors/* RegistryError */.gl(`Registry ${registry}: ${where} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}.`, refusal);
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

// EXTERNAL MODULE: ./src/registry/hosts.ts
var registry_hosts = __nccwpck_require__(91604);
// EXTERNAL MODULE: ./src/registry/retry.ts
var retry = __nccwpck_require__(41521);
;// CONCATENATED MODULE: ./src/registry/request.ts








/** Waiting out a registry's lag after a push: bounded, a few seconds to half a minute. */
const DefaultLag = { totalTimeoutMs: 30_000, baseDelayMs: 500, maxDelayMs: 5_000, maxAttempts: 50 };
const ErrorBodyLimit = 64 * 1024;
const TokenBodyLimit = 1024 * 1024;
function createRequestCore(options) {
    const logger = options.logger ?? core_logger/* silentLogger */.qq;
    const retryOptions = loggedRetries(options, logger);
    const hosts = new registry_hosts/* RegistryHosts */.jp(options.insecureRegistries, options.maxRequestsPerHost, options.maxChecksPerHost);
    const transport = (0,http/* createHttpTransport */.St)({ timeoutMs: options.timeoutMs });
    const now = retryOptions.now ?? Date.now;
    const retried = (target, method, url, work) => (0,retry/* withRetry */.bD)(target, retryOptions, work).catch(error => {
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
            return retried(target, call.method, call.url, async (attempt) => read(await exchange(state, call, attempt)));
        },
        exchange: (call, attempt) => exchange(state, call, attempt),
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
        const shown = (0,http/* redactedUrl */.cQ)(hop.trusted, hopUrl);
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
    void (0,http/* settled */.gu)(response.body).then(release);
    for (const redirect of response.redirects)
        report(method, redirect.url, redirect.status);
    report(method, response.url, response.status);
    return response;
}
/** One attempt at a call: authorizes, and on a 401 answers the challenge and tries once more. */
async function exchange(state, call, attempt) {
    const { auth, hosts } = state;
    const { registry } = call.repository;
    const base = hosts.endpoint(registry);
    const writes = (repository) => (state.options.pushRepositories ?? []).some(r => (0,core_reference/* sameRepository */.RB)(r, repository));
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
        state.logger.debug(`Could not get ready for ${(0,core_reference/* formatRepository */.Sh)(repository)} ahead of time: ${(0,retry/* describeError */.Uc)(error)}`);
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
    if ((0,errors/* answerKind */.rf)(response.status, codes) !== 'denied') {
        const what = `Registry ${registry}: ${call.method} ${call.url.pathname}`;
        return statusError(what, response, answer, detail, state.now);
    }
    const credentials = await state.auth.credentials(registry);
    const action = call.push ? 'push' : 'pull';
    const source = call.from ? ` (mounting from ${(0,core_reference/* formatRepository */.Sh)(call.from)})` : '';
    const said = `the registry answered ${call.method} with HTTP ${response.status}${detail ? ` (${detail})` : ''}`;
    const whose = credentials
        ? `using the credentials found for ${registry}`
        : `without credentials: none were found for ${registry}`;
    return new errors/* RegistryError */.gl(`${action} access denied for ${(0,core_reference/* formatRepository */.Sh)(call.repository)}${source}: ${said}, ${whose}. Check that the image name includes the registry (e.g. ghcr.io/acme/app) and that a login step ran for ${registry}.`, { ...answer, status: response.status });
}
/** The retry policy, telling the log about every wait: a slow merge should say what it is waiting on. */
function loggedRetries(options, logger) {
    return {
        ...options.retry,
        onRetry(error, attempt, delayMs, target) {
            // Answers and timeouts name their request; a reset connection does not.
            const named = error instanceof retry/* HttpStatusError */.F9 || error instanceof http/* HttpTimeoutError */.Iu;
            const what = named
                ? (0,retry/* describeError */.Uc)(error)
                : `Registry ${target.host}: ${target.method} ${target.path}: ${(0,retry/* describeError */.Uc)(error)}`;
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
        if ((0,retry/* isRetryableStatus */.PS)(response.status)) {
            await (0,http/* discardBody */.LL)(response);
            const answer = { registry: request.url.host, method: request.method, path: request.url.pathname };
            throw statusError(`Token service ${where}`, response, answer, '', sender.now);
        }
        return {
            status: response.status,
            body: await (0,http/* readBody */.x8)(response, TokenBodyLimit, `The answer of the token service ${where}`),
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
    const retryAfterMs = (0,retry/* parseRetryAfter */.mu)(header(response, 'retry-after'), now());
    return new errors/* RegistryError */.gl(message, { ...answer, status: response.status, retryAfterMs });
}
/** See `RequestCore.waitOutLag`. */
function waitOutLag(options, logger, what, target, isLag, operation) {
    const policy = {
        ...DefaultLag,
        ...options.lag,
        retryable: isLag,
        onRetry(error, attempt, delayMs) {
            const why = error instanceof errors/* RegistryError */.gl ? `HTTP ${error.status}` : (0,retry/* describeError */.Uc)(error);
            logger.info(`Registry ${target.host}: ${what} (${why}); it was pushed moments ago, so waiting ${(delayMs / 1000).toFixed(1)} s for the registry to catch up (attempt ${attempt + 1})`);
        },
    };
    return (0,retry/* withRetry */.bD)(target, policy, operation).catch(error => {
        // When the wait itself gives up, the caller wants the registry's last answer, as it would without a wait.
        throw error instanceof retry/* GaveUpError */.jD && isLag(error.cause) ? error.cause : error;
    });
}
function readErrorBody(response) {
    return (0,http/* readBody */.x8)(response, ErrorBodyLimit, 'The error body').catch(() => Buffer.alloc(0));
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
    if (cause instanceof retry/* HttpStatusError */.F9 || typeof cause !== 'object' || cause === null)
        return error;
    const code = cause.code;
    if (typeof code !== 'string')
        return error;
    // OpenSSL's messages carry internals (`...:SSL routines:ssl3_get_record:wrong version number:../deps/...`).
    const tls = /SSL routines:[^:]*:([^:]+)/.exec((0,retry/* describeError */.Uc)(cause))?.[1];
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
        ? `Registry ${registry}: ${method} ${url.pathname} failed: ${tls ? `the TLS handshake failed (${tls}, ${code})` : (0,retry/* describeError */.Uc)(cause).trim()}.`
        : error.message;
    return new ConnectionFailure(`${message}${message.endsWith('.') ? '' : '.'} ${hint}`, { cause });
}
/** A request that got no answer, explained once (a token request's failure passes through its caller's). */
class ConnectionFailure extends retry/* GaveUpError */.jD {
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
            const notThere = new errors/* RegistryError */.gl(`${referenceName(repository, reference)} was not found`, {
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
            if (bytes.length > media_types/* MaxManifestBytes */.HO) {
                throw new Error(`The manifest for ${name} is ${bytes.length} bytes, over the ${media_types/* MaxManifestBytes */.HO} registries accept.`);
            }
            const digest = (0,content/* checkDigest */.H2)(bytes, (0,core_digest/* isDigest */.Bc)(reference) ? reference : undefined, name, 'The caller');
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
                await (0,http/* discardBody */.LL)(response);
                const stored = header(response, 'docker-content-digest');
                if (stored && stored !== digest) {
                    throw new Error(`Registry ${repository.registry} stored the manifest for ${name} as ${stored}, but the bytes sent have digest ${digest}.`);
                }
                return digest;
            });
            const target = { host: repository.registry, method: 'PUT', path: call.url.pathname };
            const isLag = (error) => (0,errors/* registryErrorOf */.jR)(error)?.hasCode(...LagCodes) === true;
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
        await (0,http/* discardBody */.LL)(response);
        if (response.status === 405 || response.status === 501)
            return 'no-head';
        if (response.status === 404)
            return null;
        const digest = header(response, 'docker-content-digest');
        const mediaType = mediaTypeOf(header(response, 'content-type'));
        const size = Number(header(response, 'content-length'));
        if (!digest ||
            !(0,core_digest/* isDigest */.Bc)(digest) ||
            GenericContentTypes.has(mediaType) ||
            !Number.isSafeInteger(size) ||
            size <= 0)
            return undefined;
        if ((0,core_digest/* isDigest */.Bc)(reference) && digest !== reference) {
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
    throw new errors/* RegistryError */.gl(`Manifest ${name} was not found (HTTP 404${found.detail ? `: ${found.detail}` : ''}).`, found.answer);
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
        const bytes = await (0,http/* readBody */.x8)(response, media_types/* MaxManifestBytes */.HO, `The manifest ${name}`);
        let parsed;
        try {
            parsed = JSON.parse(bytes.toString('utf8'));
        }
        catch {
            throw new Error(`Registry ${repository.registry}: GET ${call.url.pathname} answered with a body that is not JSON; expected the manifest ${name}.`);
        }
        const announced = header(response, 'docker-content-digest');
        const expected = (0,core_digest/* isDigest */.Bc)(reference) ? reference : announced;
        const digest = (0,content/* checkDigest */.H2)(bytes, expected, name, `Registry ${repository.registry}`);
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
        headers: { Accept: media_types/* ManifestMediaTypes */.ZS.join(', ') },
        push: false,
        expectedStatuses: [200, 404],
    };
}
function manifestUrl(core, repository, reference) {
    return core.apiUrl(repository, `manifests/${checkReference(repository, reference)}`);
}
/** `ghcr.io/acme/app:1.0` or `ghcr.io/acme/app@sha256:...`, for messages. */
function referenceName(repository, reference) {
    return (0,core_reference/* formatReference */.FH)({
        repository,
        ...((0,core_digest/* isDigest */.Bc)(reference) ? { digest: reference } : { tag: reference }),
    });
}
/** A tag or digest that is safe to put in a URL path, or an error naming the repository. */
function checkReference(repository, reference) {
    if ((0,core_digest/* isDigest */.Bc)(reference) || (0,core_reference/* isValidTag */.r_)(reference))
        return reference;
    throw new Error(`'${reference}' is neither a tag nor a digest (for ${(0,core_reference/* formatRepository */.Sh)(repository)}).`);
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
        await (0,http/* discardBody */.LL)(response);
        return response.status !== 404;
    });
}
async function mountBlob(core, repository, digest, from) {
    if (repository.registry !== from.registry) {
        throw new Error(`Cannot mount ${digest} into ${(0,core_reference/* formatRepository */.Sh)(repository)} from ${(0,core_reference/* formatRepository */.Sh)(from)}: mounts work within one registry.`);
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
            await (0,http/* discardBody */.LL)(response);
            // 202 opened an upload session instead; it is left for the registry to expire, which costs no request.
            return response.status === 201;
        });
    }
    catch (error) {
        // Any 4xx to a mount means "not mounted", not "no access": Harbor answers a source project the token
        // does not cover with 404 "project not found", a pull-through proxy with 403. The caller uploads the
        // blob instead, as containerd and oras do; only a refused upload is an access error.
        const answer = (0,errors/* finalRefusalOf */.Q7)(error);
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
        await (0,http/* discardBody */.LL)(response);
        throw new errors/* RegistryError */.gl(`Blob ${digest} was not found in ${(0,core_reference/* formatRepository */.Sh)(repository)} (HTTP 404).`, {
            registry: repository.registry,
            method: 'GET',
            path: call.url.pathname,
            status: 404,
        });
    }
    if (!checked)
        return response.body;
    return (0,content/* verified */.zr)(response.body, digest, undefined, `Blob ${digest} from ${(0,core_reference/* formatRepository */.Sh)(repository)}`);
}
/** Upload a blob (monolithic POST then PUT); `open` is called again for each retry, since a stream is used up. */
async function pushBlob(core, repository, descriptor, open, { progress } = {}) {
    const { digest, size } = descriptor;
    const name = (0,core_reference/* formatRepository */.Sh)(repository);
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
        await (0,http/* discardBody */.LL)(started);
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
            body: async () => (0,content/* verifiedBody */.bn)(await open(), digest, size, `Blob ${digest} for ${name}`, { progress }),
            push: true,
            expectedStatuses: [200, 201, 204],
        };
        const finished = await core.exchange(upload, attempt);
        await (0,http/* discardBody */.LL)(finished);
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

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(76760);
// EXTERNAL MODULE: ./src/core/json.ts
var json = __nccwpck_require__(86153);
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
    const dir = env.DOCKER_CONFIG || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.docker');
    const file = (0,external_node_path_.join)(dir, 'config.json');
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
            const server = host === core_reference/* DockerHub */.e8 ? DockerHubServer : host;
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
    return (0,core_reference/* canonicalRegistry */.i7)(host);
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
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return {};
        throw new Error(`Cannot read the docker config ${file}: ${error.message}`);
    }
    try {
        const value = JSON.parse(text);
        if (!(0,json/* isObject */.G)(value))
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
    const { execFile } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 31421, 23));
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

// EXTERNAL MODULE: ./src/registry/tuning.ts
var tuning = __nccwpck_require__(45830);
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
        ...(0,tuning/* registryTuning */.N)(shell.env),
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


/***/ }),

/***/ 88904:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ keyedLimiter),
/* harmony export */   s: () => (/* binding */ mapLimit)
/* harmony export */ });
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


/***/ }),

/***/ 96090:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BA: () => (/* binding */ parseDescriptor),
/* harmony export */   GY: () => (/* binding */ AttestationAnnotation),
/* harmony export */   H3: () => (/* binding */ isAttestation)
/* harmony export */ });
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(55543);
/* harmony import */ var _json_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(86153);


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
    if (!(0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(value))
        return fail('is not an object');
    if (typeof value.mediaType !== 'string' || !value.mediaType)
        fail(`has no 'mediaType'`);
    if (typeof value.digest !== 'string' || !(0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigest */ .Bc)(value.digest))
        fail(`has 'digest' ${JSON.stringify(value.digest)}, expected sha256:<64 hex>`);
    if (!Number.isSafeInteger(value.size) || value.size < (strict ? 1 : 0))
        fail(`has 'size' ${JSON.stringify(value.size)}, expected a ${strict ? 'positive' : 'non-negative'} integer`);
    const descriptor = {
        mediaType: value.mediaType,
        digest: value.digest,
        size: value.size,
    };
    const platform = value.platform;
    if ((0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .G)(platform) && typeof platform.os === 'string' && typeof platform.architecture === 'string') {
        descriptor.platform = platform;
    }
    else if (strict && platform !== undefined)
        fail(`has a 'platform' without string 'os' and 'architecture'`);
    if ((0,_json_js__WEBPACK_IMPORTED_MODULE_1__/* .isStringMap */ .U)(value.annotations))
        descriptor.annotations = value.annotations;
    else if (strict && value.annotations !== undefined)
        fail(`has 'annotations' that are not a string map`);
    if (typeof value.artifactType === 'string')
        descriptor.artifactType = value.artifactType;
    else if (strict && value.artifactType !== undefined)
        fail(`has an 'artifactType' that is not a string`);
    return descriptor;
}


/***/ }),

/***/ 55543:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bc: () => (/* binding */ isDigest),
/* harmony export */   VK: () => (/* binding */ shortDigest),
/* harmony export */   jJ: () => (/* binding */ hasherFor),
/* harmony export */   m: () => (/* binding */ parseDigest),
/* harmony export */   ol: () => (/* binding */ digestOf),
/* harmony export */   sI: () => (/* binding */ sha256Digest)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

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
    return `${algorithm}:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)(algorithm).update(bytes).digest('hex')}`;
}
/** A running hash in the algorithm `digest` names, for bytes that arrive in chunks; `digest()` ends it. */
function hasherFor(digest) {
    const algorithm = digest.slice(0, digest.indexOf(':'));
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)(algorithm);
    return {
        update: chunk => void hash.update(chunk),
        digest: () => `${algorithm}:${hash.digest('hex')}`,
    };
}
/** The first 12 hex digits, as Docker shows image IDs; for names and logs only. */
function shortDigest(digest) {
    return digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 13);
}


/***/ }),

/***/ 86153:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ isObject),
/* harmony export */   U: () => (/* binding */ isStringMap)
/* harmony export */ });
/** A parsed JSON value that is an object (not null, not an array): what every document we read must be. */
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** A JSON object whose values are all strings: labels and annotations. */
function isStringMap(value) {
    return isObject(value) && Object.values(value).every(v => typeof v === 'string');
}


/***/ }),

/***/ 11227:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   fc: () => (/* binding */ logSkipped),
/* harmony export */   qq: () => (/* binding */ silentLogger)
/* harmony export */ });
/* unused harmony export ShownSkipped */
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


/***/ }),

/***/ 37407:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $$: () => (/* binding */ isIndexMediaType),
/* harmony export */   HO: () => (/* binding */ MaxManifestBytes),
/* harmony export */   ZS: () => (/* binding */ ManifestMediaTypes),
/* harmony export */   d6: () => (/* binding */ isImageManifestMediaType),
/* harmony export */   pp: () => (/* binding */ isDockerMediaType),
/* harmony export */   zu: () => (/* binding */ MediaType)
/* harmony export */ });
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


/***/ }),

/***/ 90692:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bq: () => (/* binding */ formatPlatform),
/* harmony export */   DN: () => (/* binding */ platformSlug),
/* harmony export */   FL: () => (/* binding */ normalizePlatform),
/* harmony export */   GQ: () => (/* binding */ runnerPlatform),
/* harmony export */   Ng: () => (/* binding */ platformKey),
/* harmony export */   UX: () => (/* binding */ comparePlatforms),
/* harmony export */   Y8: () => (/* binding */ parsePlatform),
/* harmony export */   my: () => (/* binding */ samePlatform)
/* harmony export */ });
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


/***/ }),

/***/ 14130:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $M: () => (/* binding */ MaxRecordBytes),
/* harmony export */   Hh: () => (/* binding */ parseRecord),
/* harmony export */   Om: () => (/* binding */ serializeRecord),
/* harmony export */   Tb: () => (/* binding */ recordFileName),
/* harmony export */   Uo: () => (/* binding */ makeRecord),
/* harmony export */   a5: () => (/* binding */ imagesKey)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _descriptor_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(96090);
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(55543);
/* harmony import */ var _json_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(86153);
/* harmony import */ var _media_types_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(37407);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(90692);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(55378);







const RecordSchema = 'native-multiarch/digest-record';
const RecordVersion = 1;
/** Records are small; a larger file is not ours and is refused before parsing. */
const MaxRecordBytes = 64 * 1024;
/** The record of a finished build. The image descriptor must carry the platform the build was asked for. */
function makeRecord(fields) {
    return {
        schema: RecordSchema,
        version: RecordVersion,
        images: fields.images.map(_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .formatRepository */ .Sh),
        platform: (0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPlatform */ .Bq)(fields.platform),
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
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update(JSON.stringify({ images: sorted, key }))
        .digest('hex')
        .slice(0, 12);
}
/** A file name no two records share: images, platform, digest. */
function recordFileName(record, key = '') {
    const platform = (0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .platformSlug */ .DN)((0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .parsePlatform */ .Y8)(record.platform, 'record platform'));
    return `${imagesKey(record.images, key)}-${platform}-${(0,_digest_js__WEBPACK_IMPORTED_MODULE_2__/* .shortDigest */ .VK)(record.digest)}.json`;
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
    if (!(0,_json_js__WEBPACK_IMPORTED_MODULE_6__/* .isObject */ .G)(value))
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
    const images = value.images.map(image => (0,_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .formatRepository */ .Sh)((0,_reference_js__WEBPACK_IMPORTED_MODULE_5__/* .parseRepository */ .SU)(image, `Digest record ${file} is not valid: 'images'`)));
    if (typeof value.platform !== 'string')
        return fail(`'platform' must be a string like linux/arm64`);
    const platform = (0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPlatform */ .Bq)((0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .parsePlatform */ .Y8)(value.platform, `Digest record ${file} is not valid: 'platform'`));
    // Strict: a record is the action's own writing, so anything malformed in it is refused, not dropped.
    const reading = { strict: true, fail };
    const pushed = (0,_descriptor_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDescriptor */ .BA)({ mediaType: value.mediaType, digest: value.digest, size: value.size }, 'the record', reading);
    if (!(0,_media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .isIndexMediaType */ .$$)(pushed.mediaType) && !(0,_media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .isImageManifestMediaType */ .d6)(pushed.mediaType)) {
        fail(`'mediaType' ${pushed.mediaType} is neither an image manifest nor an index`);
    }
    if (!Array.isArray(value.manifests) || value.manifests.length === 0)
        fail(`'manifests' must list at least the image`);
    const manifests = value.manifests.map((m, i) => (0,_descriptor_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDescriptor */ .BA)(m, `manifests[${i}]`, reading));
    const images_ = manifests.filter(m => !(0,_descriptor_js__WEBPACK_IMPORTED_MODULE_1__/* .isAttestation */ .H3)(m));
    if (images_.length !== 1)
        fail(`'manifests' must hold exactly one image (and any attestations), found ${images_.length}`);
    const image = images_[0];
    if (!image.platform || (0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPlatform */ .Bq)(image.platform) !== platform) {
        fail(`the image in 'manifests' is for ${image.platform ? (0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPlatform */ .Bq)(image.platform) : 'no platform'}, the record says ${platform}`);
    }
    if (!(0,_json_js__WEBPACK_IMPORTED_MODULE_6__/* .isObject */ .G)(value.run))
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


/***/ }),

/***/ 55378:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   FH: () => (/* binding */ formatReference),
/* harmony export */   RB: () => (/* binding */ sameRepository),
/* harmony export */   SU: () => (/* binding */ parseRepository),
/* harmony export */   Sh: () => (/* binding */ formatRepository),
/* harmony export */   e8: () => (/* binding */ DockerHub),
/* harmony export */   i7: () => (/* binding */ canonicalRegistry),
/* harmony export */   jW: () => (/* binding */ isLoopbackRegistry),
/* harmony export */   r_: () => (/* binding */ isValidTag)
/* harmony export */ });
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(55543);

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
        if (!(0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigest */ .Bc)(candidate))
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


/***/ }),

/***/ 7140:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Lb: () => (/* binding */ TagPolicies),
  Ao: () => (/* binding */ planTag)
});

// UNUSED EXPORTS: OrderAnnotation, compareIndexes

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


/***/ }),

/***/ 79407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _action_main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(52300);

await (0,_action_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 95378:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H2: () => (/* binding */ checkDigest),
/* harmony export */   bn: () => (/* binding */ verifiedBody),
/* harmony export */   zr: () => (/* binding */ verified)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_digest_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(55543);
/* harmony import */ var _wire_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(57023);



/**
 * The digest of `bytes`, checked against `expected` in its own algorithm when there is one: a registry or
 * proxy that hands back other bytes than asked for is caught here, not three steps later.
 */
function checkDigest(bytes, expected, name, who) {
    if (!expected || !(0,_core_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .isDigest */ .Bc)(expected))
        return (0,_core_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .sha256Digest */ .sI)(bytes);
    const algorithm = expected.slice(0, expected.indexOf(':'));
    const actual = (0,_core_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .digestOf */ .ol)(bytes, algorithm);
    if (actual !== expected) {
        throw new Error(`${who} gave bytes for ${name} whose digest is ${actual}, not ${expected}.`);
    }
    return algorithm === 'sha256' ? actual : (0,_core_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .sha256Digest */ .sI)(bytes);
}
/**
 * Counts and hashes chunks as they pass, and says what is wrong: more bytes than promised, or (once the last
 * byte is in, at the end when the size is not known) a digest that is not the promised one.
 */
function contentCheck({ digest, size, what, progress }) {
    const hash = (0,_core_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .hasherFor */ .jJ)(digest);
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
    return new node_stream__WEBPACK_IMPORTED_MODULE_0__.Transform({
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
    return (0,node_stream__WEBPACK_IMPORTED_MODULE_0__.pipeline)(stream, verifyingStream({ digest, size, what, ...options }), () => { });
}
/**
 * `verified`, keeping a body that lends its chunks lending them (a blob read by wire.ts, on its way to an
 * upload): each chunk is checked before it is passed on, the last one against the digest.
 */
function verifiedBody(body, digest, size, what, options = {}) {
    if (!(0,_wire_js__WEBPACK_IMPORTED_MODULE_2__/* .canLend */ .wt)(body))
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


/***/ }),

/***/ 6764:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   F9: () => (/* binding */ HttpStatusError),
/* harmony export */   Q7: () => (/* binding */ finalRefusalOf),
/* harmony export */   gl: () => (/* binding */ RegistryError),
/* harmony export */   jR: () => (/* binding */ registryErrorOf),
/* harmony export */   rf: () => (/* binding */ answerKind)
/* harmony export */ });
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


/***/ }),

/***/ 91604:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   jp: () => (/* binding */ RegistryHosts),
/* harmony export */   kH: () => (/* binding */ DefaultChecksPerHost),
/* harmony export */   vD: () => (/* binding */ DefaultRequestsPerHost)
/* harmony export */ });
/* unused harmony exports DockerHubEndpoint, registryEndpoint */
/* harmony import */ var _core_concurrency_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(88904);
/* harmony import */ var _core_reference_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(55378);


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
    const host = registry === _core_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .DockerHub */ .e8 ? DockerHubEndpoint : registry;
    return new URL(`${isPlainHttpRegistry(registry, insecureRegistries) ? 'http' : 'https'}://${host}`);
}
/** Loopback hosts (where Docker too speaks plain HTTP) and registries listed as insecure. */
function isPlainHttpRegistry(host, insecureRegistries) {
    return (0,_core_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .isLoopbackRegistry */ .jW)(host) || insecureRegistries.has(host);
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
        this.slots = (0,_core_concurrency_js__WEBPACK_IMPORTED_MODULE_1__/* .keyedLimiter */ .f)(requestsPerHost);
        this.checkSlots = (0,_core_concurrency_js__WEBPACK_IMPORTED_MODULE_1__/* .keyedLimiter */ .f)(checksPerHost);
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


/***/ }),

/***/ 90628:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Iu: () => (/* binding */ HttpTimeoutError),
  nA: () => (/* binding */ collectAtMost),
  St: () => (/* binding */ createHttpTransport),
  LL: () => (/* binding */ discardBody),
  x8: () => (/* binding */ readBody),
  cQ: () => (/* binding */ redactedUrl),
  gu: () => (/* binding */ settled)
});

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(37067);
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __nccwpck_require__(44708);
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_);
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

// EXTERNAL MODULE: ./src/registry/wire.ts + 1 modules
var wire = __nccwpck_require__(57023);
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
        'https:': new (external_node_https_default()).Agent({ keepAlive: true, ...(0,wire/* trusting */.h3)(ca) }),
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
        return (0,wire/* wireGet */.k7)(url, headers, { timeoutMs: sending.timeoutMs, timeoutError, ca: connections.ca });
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
                if (!(0,wire/* canLend */.wt)(source))
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
    if ((0,wire/* canLend */.wt)(source)) {
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


/***/ }),

/***/ 41521:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   F9: () => (/* reexport safe */ _errors_js__WEBPACK_IMPORTED_MODULE_0__.F9),
/* harmony export */   PS: () => (/* binding */ isRetryableStatus),
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   jD: () => (/* binding */ GaveUpError),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter)
/* harmony export */ });
/* unused harmony export isRetryable */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6764);


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
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpStatusError */ .F9)
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
            const retryAfter = error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpStatusError */ .F9 ? error.retryAfterMs : undefined;
            const delay = retryAfter !== undefined
                ? Math.min(retryAfter, maxRetryAfterMs)
                : random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
            const elapsed = now() - started;
            const outOfTime = elapsed + delay > totalTimeoutMs;
            if (attempt >= maxAttempts || outOfTime) {
                if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpStatusError */ .F9)
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


/***/ }),

/***/ 45830:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ registryTuning)
/* harmony export */ });
/* unused harmony export TuningVariable */
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


/***/ }),

/***/ 57023:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  wt: () => (/* binding */ canLend),
  h3: () => (/* binding */ trusting),
  k7: () => (/* binding */ wireGet)
});

// UNUSED EXPORTS: Slabs, WireBody

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(77030);
var external_node_net_default = /*#__PURE__*/__nccwpck_require__.n(external_node_net_);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(57075);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __nccwpck_require__(41692);
var external_node_tls_default = /*#__PURE__*/__nccwpck_require__.n(external_node_tls_);
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
class WireBody extends external_node_stream_.Readable {
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


/***/ }),

/***/ 14761:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   dX: () => (/* binding */ Modes),
/* harmony export */   k7: () => (/* binding */ Output),
/* harmony export */   pd: () => (/* binding */ Input),
/* harmony export */   sL: () => (/* binding */ BuilderNames)
/* harmony export */ });
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


/***/ }),

/***/ 535:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E1: () => (/* binding */ parseList),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   KX: () => (/* binding */ parseAnnotations),
/* harmony export */   Li: () => (/* binding */ parseLines),
/* harmony export */   MY: () => (/* binding */ inputPhrase),
/* harmony export */   NB: () => (/* binding */ inputLabel),
/* harmony export */   yG: () => (/* binding */ parseBoolean),
/* harmony export */   yu: () => (/* binding */ inputName)
/* harmony export */ });
/* unused harmony export speakInFlags */
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


/***/ }),

/***/ 42613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 20181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 35317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 49140:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("constants");

/***/ }),

/***/ 76982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 24434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 79896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 91943:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs/promises");

/***/ }),

/***/ 58611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 65692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 69278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 34589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 16698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 31421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 37540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 77598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 53053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 40610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 78474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 73024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 51455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 37067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 32467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 44708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 98995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 77030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 48161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 76760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 41792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 57075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 46193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 41692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 73136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 57975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 73429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 75919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 38522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 70857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 16928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 13193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 53557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 64756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 52018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 87016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 39023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 43106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

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
/******/ 		id: moduleId,
/******/ 		loaded: false,
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
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
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
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
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(79407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
